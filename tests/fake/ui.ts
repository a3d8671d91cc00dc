// Ui (§5, §1.10): menus, alerts/prompts answered from a scripted queue, sidebars and dialogs recorded for assertions.

import type { GasContext } from './context';
import { FakeGasUnsupportedError } from './errors';
import type { FakeHtmlOutput } from './html';

type GUi = GoogleAppsScript.Base.Ui;
type GMenu = GoogleAppsScript.Base.Menu;
type GButton = GoogleAppsScript.Base.Button;

export const Button = Object.freeze({
  CLOSE: 'CLOSE',
  OK: 'OK',
  CANCEL: 'CANCEL',
  YES: 'YES',
  NO: 'NO',
} as const);
export const ButtonSet = Object.freeze({
  OK: 'OK',
  OK_CANCEL: 'OK_CANCEL',
  YES_NO: 'YES_NO',
  YES_NO_CANCEL: 'YES_NO_CANCEL',
} as const);
export type ButtonName = keyof typeof Button;
export type ButtonSetName = keyof typeof ButtonSet;

const ALLOWED: Record<ButtonSetName, ButtonName[]> = {
  OK: ['OK', 'CLOSE'],
  OK_CANCEL: ['OK', 'CANCEL', 'CLOSE'],
  YES_NO: ['YES', 'NO', 'CLOSE'],
  YES_NO_CANCEL: ['YES', 'NO', 'CANCEL', 'CLOSE'],
};

/** A menu as added to the UI: items in order; separators as `{ separator: true }`. */
export type MenuEntry =
  | { caption: string; functionName: string }
  | { separator: true }
  | { submenu: RecordedMenu };

export interface RecordedMenu {
  caption: string;
  addon: boolean;
  items: MenuEntry[];
}

export interface RecordedAlert {
  kind: 'alert' | 'prompt';
  title: string;
  prompt: string;
  buttons: ButtonSetName;
  response: ButtonName;
  text?: string;
}

export interface RecordedDialog {
  kind: 'sidebar' | 'modal' | 'modeless';
  title: string;
  html: FakeHtmlOutput;
}

export class FakeMenu implements Pick<GMenu, 'addItem' | 'addSeparator' | 'addSubMenu' | 'addToUi'> {
  readonly items: MenuEntry[] = [];
  constructor(
    private readonly ui: FakeUi,
    readonly caption: string,
    readonly addon: boolean,
  ) {}
  addItem(caption: string, functionName: string): GMenu {
    if (typeof caption !== 'string' || typeof functionName !== 'string') {
      throw new FakeGasUnsupportedError('Menu.addItem(caption, functionName) takes two strings');
    }
    this.items.push({ caption, functionName });
    return this as unknown as GMenu;
  }
  addSeparator(): GMenu {
    this.items.push({ separator: true });
    return this as unknown as GMenu;
  }
  addSubMenu(menu: GMenu): GMenu {
    if (!(menu instanceof FakeMenu))
      throw new FakeGasUnsupportedError('addSubMenu of a menu not made by this Ui');
    this.items.push({ submenu: menu.record() });
    return this as unknown as GMenu;
  }
  addToUi(): void {
    this.ui.addMenu(this.record());
  }
  record(): RecordedMenu {
    return {
      caption: this.caption,
      addon: this.addon,
      items: this.items.map((i) => ('submenu' in i ? { submenu: i.submenu } : { ...i })),
    };
  }
}

export class FakeUi
  implements
    Pick<
      GUi,
      | 'alert'
      | 'createAddonMenu'
      | 'createMenu'
      | 'prompt'
      | 'showModalDialog'
      | 'showModelessDialog'
      | 'showSidebar'
    >
{
  readonly Button = Button as unknown as typeof GoogleAppsScript.Base.Button;
  readonly ButtonSet = ButtonSet as unknown as typeof GoogleAppsScript.Base.ButtonSet;
  /** Menus added with addToUi (a caption added again replaces the old menu, as reopening does). */
  readonly menus: RecordedMenu[] = [];
  readonly alerts: RecordedAlert[] = [];
  readonly dialogs: RecordedDialog[] = [];
  private readonly queue: Array<{ button: ButtonName; text?: string }> = [];

  constructor(private readonly ctx: GasContext) {}

  addMenu(m: RecordedMenu): void {
    const i = this.menus.findIndex((x) => x.caption === m.caption && x.addon === m.addon);
    if (i >= 0) this.menus.splice(i, 1, m);
    else this.menus.push(m);
  }

  /** Scripts the next alert/prompt answer. Alerts with only an OK button answer OK by themselves. */
  respondWith(button: ButtonName, text?: string): this {
    this.queue.push(text === undefined ? { button } : { button, text });
    return this;
  }

  /** The menu with this caption, or undefined. */
  menu(caption: string): RecordedMenu | undefined {
    return this.menus.find((m) => m.caption === caption);
  }

  get sidebars(): RecordedDialog[] {
    return this.dialogs.filter((d) => d.kind === 'sidebar');
  }

  get lastDialog(): RecordedDialog | undefined {
    return this.dialogs[this.dialogs.length - 1];
  }

  pendingResponses(): number {
    return this.queue.length;
  }

  createMenu(caption: string): GMenu {
    this.ctx.hit('Ui.createMenu');
    return new FakeMenu(this, caption, false) as unknown as GMenu;
  }
  createAddonMenu(): GMenu {
    this.ctx.hit('Ui.createAddonMenu');
    return new FakeMenu(this, '(add-on)', true) as unknown as GMenu;
  }

  alert(a: string, b?: unknown, c?: unknown): GButton {
    this.ctx.hit('Ui.alert');
    const [title, prompt, buttons] = splitDialogArgs(a, b, c);
    const response = this.answer(buttons, false);
    this.alerts.push({ kind: 'alert', title, prompt, buttons, response: response.button });
    return response.button as unknown as GButton;
  }

  prompt(a: string, b?: unknown, c?: unknown): GoogleAppsScript.Base.PromptResponse {
    this.ctx.hit('Ui.prompt');
    const [title, prompt, buttons] = splitDialogArgs(a, b, c);
    const response = this.answer(buttons, true);
    const text = response.text ?? '';
    this.alerts.push({ kind: 'prompt', title, prompt, buttons, response: response.button, text });
    return {
      getResponseText: () => text,
      getSelectedButton: () => response.button as unknown as GButton,
    } as GoogleAppsScript.Base.PromptResponse;
  }

  private answer(buttons: ButtonSetName, isPrompt: boolean): { button: ButtonName; text?: string } {
    const next = this.queue.shift();
    if (!next) {
      if (buttons === 'OK' && !isPrompt) return { button: 'OK' };
      throw new FakeGasUnsupportedError(
        `Ui.${isPrompt ? 'prompt' : 'alert'} with buttons ${buttons} but no scripted answer: call fake.ui.respondWith(...) first`,
      );
    }
    if (!ALLOWED[buttons].includes(next.button)) {
      throw new FakeGasUnsupportedError(
        `scripted answer ${next.button} is not a button of ButtonSet.${buttons}`,
      );
    }
    return next;
  }

  /** Records the HtmlOutput; the sidebar title comes from setTitle (§5). */
  showSidebar(userInterface: GoogleAppsScript.HTML.HtmlOutput): void {
    this.ctx.hit('Ui.showSidebar');
    const html = userInterface as unknown as FakeHtmlOutput;
    this.dialogs.push({ kind: 'sidebar', title: html.getTitle(), html });
  }
  /** The title argument overrides setTitle (§5). */
  showModalDialog(userInterface: GoogleAppsScript.HTML.HtmlOutput, title: string): void {
    this.ctx.hit('Ui.showModalDialog');
    this.dialogs.push({ kind: 'modal', title, html: userInterface as unknown as FakeHtmlOutput });
  }
  showModelessDialog(userInterface: GoogleAppsScript.HTML.HtmlOutput, title: string): void {
    this.ctx.hit('Ui.showModelessDialog');
    this.dialogs.push({ kind: 'modeless', title, html: userInterface as unknown as FakeHtmlOutput });
  }
}

function splitDialogArgs(a: string, b: unknown, c: unknown): [string, string, ButtonSetName] {
  if (c !== undefined) return [a, String(b), toButtonSet(c)];
  if (b !== undefined) return ['', a, toButtonSet(b)];
  return ['', a, 'OK'];
}

function toButtonSet(v: unknown): ButtonSetName {
  const s = String(v);
  if (s in ButtonSet) return s as ButtonSetName;
  throw new FakeGasUnsupportedError(`not a ButtonSet: ${s}`);
}
