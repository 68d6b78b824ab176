/** Public surface of the widget package (the ES module build). */
export { ParleyChat } from './components/chat/chat';
export { type ParleyErrorDetail, ParleyErrorEvent } from './events/parley-error';
