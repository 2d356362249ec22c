import type { Messages } from './messages.ts';

/** English UI text; must have exactly the keys of the Dutch text (checked by a test). */
export const en: Messages = {
  app: { name: 'Samenzicht', tagline: 'Seeing together what happened and what helps.' },
  home: {
    intro:
      'Build one explanatory analysis together with parents, their network and the professionals involved: how did the worries arise, what keeps them going and what helps?',
    titleLabel: 'Name of the analysis (no surnames or addresses)',
    titlePlaceholder: 'For example: Family M. — explanatory analysis',
    create: 'New analysis',
    creating: 'Creating…',
    createFailed: 'Creating the analysis did not work. Check the connection and try again.',
    recent: 'Opened before on this device',
    defaultTitle: 'New analysis',
  },
  analysis: {
    missingToken: 'This link is incomplete. Open the link you received from the facilitator again.',
    untitled: 'Untitled analysis',
    titleLabel: 'Name of the analysis',
    home: 'Home',
  },
  connection: {
    connecting: 'Connecting…',
    connected: 'Connected',
    reconnecting: 'Reconnecting…',
    offline: 'Offline',
    offlineHint: 'You can keep working. Your changes are shared as soon as the connection is back.',
    unsent: 'Not shared yet',
    saved: 'Everything shared',
    refused: 'This link does not work (any more). Ask the facilitator for a new link.',
  },
  toolbar: {
    addFactor: 'Add factor',
    delete: 'Delete',
    undo: 'Undo',
    redo: 'Redo',
    fitView: 'Show everything',
    share: 'Share',
    language: 'Language',
  },
  factor: {
    placeholder: 'New factor',
    editLabel: 'Text of the factor',
    editHint: 'Enter to save, Escape to stop',
  },
  link: {
    plus: 'strengthens',
    minus: 'weakens',
    togglePolarity: 'Switch between strengthens and weakens',
  },
  canvas: {
    emptyHint: 'Double-click an empty spot or choose "Add factor" to begin.',
    dragging: '{{name}} is moving',
  },
  share: {
    title: 'Share',
    intro: 'Give everyone the link that fits their role. Whoever has the link can open the analysis.',
    facilitator: 'Facilitator',
    facilitatorHint: 'Everything, including management. Keep this link to yourself.',
    editor: 'Co-edit',
    editorHint: 'Can add and change factors and links.',
    viewer: 'View only',
    viewerHint: 'Sees everything live, but cannot change anything.',
    copy: 'Copy',
    copied: 'Copied',
    unknown: 'The links were made on another device and are not known here.',
    close: 'Close',
  },
  presence: {
    title: 'Who is here',
    you: '{{name}} (you)',
  },
  name: {
    title: 'What may we call you?',
    intro: 'Your name is visible to the others in this analysis. A first name or a role is enough.',
    label: 'Name',
    placeholder: 'For example: Sam, or: family guardian',
    save: 'Continue',
    change: 'Change name',
  },
  language: { nl: 'Nederlands', en: 'English' },
};
