import { notifyError, notifySuccess } from "../../components/notify";

/** Sends the page's own address: the phone's share sheet where there is one, else the clipboard. */
export async function shareLink(title: string, url: string, copied: string, failed: string) {
  if (typeof navigator.share === "function") {
    try {
      await navigator.share({ title, url });
      return;
    } catch (error) {
      if (error instanceof DOMException && error.name === "AbortError") return;
    }
  }
  try {
    await navigator.clipboard.writeText(url);
    notifySuccess(copied);
  } catch {
    notifyError(failed);
  }
}
