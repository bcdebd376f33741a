// English. Keys mirror zh-CN.ts exactly (a test compares the key sets).
import type zhCN from './zh-CN';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

const en: Shape<typeof zhCN> = {
  app: {
    title: 'Banxie',
    tabs: { main: 'Suggestion', settings: 'Settings', label: 'Banxie views' },
    loading: 'Loading…',
  },
  suggestion: {
    regionLabel: 'Current suggestion',
    heading: 'Suggested continuation',
    none: 'No suggestion yet. Type in the document and pause; Banxie will suggest how to continue.',
    debouncing: 'Waiting for a pause in typing…',
    requesting: 'Writing a suggestion…',
    disabled: 'Banxie is off. Turn the switch above on to resume.',
    paneOnly: 'Shown in this pane only: accepting inserts it at the cursor.',
    paneOnlyReason: 'Shown in this pane only ({{reason}}): accepting inserts it at the cursor.',
    keysHint: 'With focus here: Tab accepts, Esc dismisses, Ctrl+→ accepts the next word.',
    accept: 'Accept',
    acceptNext: 'Accept next word',
    dismiss: 'Dismiss',
    askAgain: 'Ask again',
    toolbarLabel: 'Suggestion actions',
  },
  toggle: { label: 'Banxie on' },
  status: {
    label: 'Status',
    model: 'Model: {{model}}',
    residency: {
      builtin: 'Built-in',
      local: 'Local',
      intranet: 'Intranet',
      external: 'External',
    },
    residencyHint: {
      builtin: 'Built-in engine running on the server, no network',
      local: 'A model server on this machine or the local network',
      intranet: "Your organisation's private deployment",
      external: 'A public model service: data leaves your organisation',
    },
    consent: {
      notNeeded: 'No consent needed',
      given: 'Privacy notice accepted ({{version}})',
      missing: 'Privacy notice not accepted',
    },
    connection: {
      connecting: 'Connecting to the service…',
      online: 'Service connected',
      offline: 'Service unreachable',
    },
  },
  error: {
    unreachable: {
      title: 'The completion service cannot be reached',
      body: 'Check the network, or ask your IT department whether the service address ({{url}}) is right and the service is running. Banxie reconnects by itself when it is back.',
    },
    consent_required: {
      title: 'Your consent is needed',
      body: 'The selected model sends parts of the document to {{model}}. Read and accept the privacy notice first, or use the built-in model.',
    },
    classified_blocked: {
      title: 'Classified document: external models are off',
      body: 'This document carries a classification marking ({{marking}}) and must not be sent to models outside your organisation. Use the built-in or a local model.',
      bodyUnknown: 'The service found a classification marking in this document, so it must not be sent to the selected model. Use the built-in or a local model.',
    },
    rate_limited: { title: 'Too many requests', body: 'Wait a moment; Banxie will carry on.' },
    upstream_timeout: { title: 'The model did not answer in time', body: 'The model service is busy. Press "Ask again", or choose another model in Settings.' },
    upstream_error: { title: 'The model service failed', body: 'Press "Ask again", or choose another model in Settings.' },
    unknown_model: { title: 'That model is no longer available', body: 'Your administrator may have removed it. Banxie switched back to the built-in model.' },
    unauthorized: { title: 'Not authorised', body: 'The service requires an access token. Contact your IT department.' },
    generic: { title: 'Something went wrong', body: '{{message}}. Press "Ask again" to retry.' },
    retry: 'Retry',
    useBuiltin: 'Use the built-in model',
    readNotice: 'Read the privacy notice',
  },
  consent: {
    heading: 'Privacy notice',
    intro: 'Before using "{{model}}" ({{residency}}), please read this notice.',
    version: 'Notice version: {{version}}',
    changed: 'The privacy notice has changed; please read and confirm it again.',
    noticeLabel: 'Full privacy notice',
    accept: 'Accept and use',
    decline: 'Decline, use built-in model',
    loading: 'Fetching the privacy notice…',
    loadFailed: 'The privacy notice could not be fetched, so this model cannot be used yet.',
  },
  settings: {
    heading: 'Settings',
    model: {
      legend: 'Model',
      classifiedNote: 'This document carries a classification marking; models that do not accept classified text are disabled.',
      loading: 'Fetching the model list…',
      loadFailed: 'The model list could not be fetched.',
      needsConsent: 'Needs privacy consent',
      disabledClassified: 'Not for classified documents',
    },
    length: { legend: 'Suggestion length', short: 'Short', medium: 'Medium', long: 'Long' },
    delay: { label: 'Suggest after a pause of', option: '{{seconds}} s' },
    display: { legend: 'Display', auto: 'As grey text in the document', paneOnly: 'In this pane only' },
    language: { label: 'Language', 'zh-CN': '简体中文', en: 'English' },
    service: {
      label: 'Service address',
      hint: 'Leave empty to use the server Banxie was loaded from.',
      locked: 'The service address is set by your administrator: {{url}}',
      sameOrigin: 'this server',
      invalid: 'Enter an address starting with http:// or https://.',
      apply: 'Apply',
    },
    consent: {
      legend: 'Accepted privacy notices',
      none: 'You have not accepted the privacy notice for any model.',
      item: '{{model}}: version {{version}}',
      withdraw: 'Withdraw',
      withdrawLabel: 'Withdraw consent for "{{model}}"',
      withdrawn: 'Consent withdrawn; switched back to the built-in model.',
    },
  },
  host: {
    trackChanges: 'track changes is on',
    protected: 'the cursor is in a protected region',
    apiTooOld: 'this version of Word cannot show it in the document',
    cloud: 'the document is stored in the cloud, where inline grey text may be autosaved or seen by co-authors',
    userChoice: 'your setting',
  },
  boot: {
    noHost: 'Neither Word nor WPS was detected. The Banxie pane must be opened inside Word or WPS; for development open the playground:',
    playgroundLink: 'Open the playground (playground.html)',
    failed: 'Banxie failed to start: {{message}}',
  },
};
export default en;
