/** The agent preview: `registerPreview(context, () => client, onChecked)` from `activate()`. */
export { registerPreview, PREVIEW_VIEW_TYPE, type PreviewState } from './panel';
export { renderPreviewHtml, renderPreviewBody } from './render';
