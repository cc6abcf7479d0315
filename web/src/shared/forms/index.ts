/** The form renderer (forms as data) shared by the console and the phone pages. */
export { FormRenderer, type FormRendererProps } from './FormRenderer';
export { RaisedAlerts } from './RaisedAlerts';
export { useFormAnswers, type FormController } from './use-form-answers';
export { useSendAnswers } from './use-send-answers';
export { localAttachments, uploadedAttachments, type AttachmentHandling } from './attachments';
