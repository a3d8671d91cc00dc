// Errors the CLI reports to users: a Chinese message and an exit code, never a stack trace.

export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = 2,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
