// The files module's face to the other modules: what they may use of it.

export { fileItem, fileVariantQuery } from "./contracts.ts";
export { fileUrl, presentFile } from "./presenter.ts";
export { sendFile, sendStoredFile, streamStoredFile } from "./send.ts";
export { filesOf, removeFile, storeFile } from "./store.ts";
export { readUpload } from "./upload.ts";
