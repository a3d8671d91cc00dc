// Base.User: an account email (Session users, editors lists).

export class FakeUser implements Pick<GoogleAppsScript.Base.User, 'getEmail'> {
  constructor(private readonly email: string) {}

  getEmail(): string {
    return this.email;
  }

  toString(): string {
    return this.email;
  }
}

export function asUser(email: string): GoogleAppsScript.Base.User {
  return new FakeUser(email) as unknown as GoogleAppsScript.Base.User;
}

/** Accepts an email or a User, as addEditor/removeEditor do. */
export function emailOf(u: string | GoogleAppsScript.Base.User): string {
  return typeof u === 'string' ? u : u.getEmail();
}
