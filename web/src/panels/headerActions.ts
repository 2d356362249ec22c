/**
 * An action of the editor's header: a button in the header row on a wide screen, an item of the header's menu on a
 * small one. Features add theirs to the list the header is given (AnalysisPage's `extraActions`), not to its markup.
 */
export interface HeaderAction {
  readonly id: string;
  /** The full name: the menu item's text, and the button's accessible name. */
  readonly label: string;
  /** Shorter text for the header button on a wide screen ("?"); `label` stays its accessible name. */
  readonly short?: string;
  readonly onSelect: () => void;
  /** The same test id in both forms, so a test finds the action at any width (after opening the menu). */
  readonly testId?: string;
  /** Shown as pressed (a mode that is on, such as presenting). */
  readonly pressed?: boolean;
}
