// Puts text on the clipboard in every webview Office uses: the async Clipboard API where it exists and is
// allowed, else a hidden textarea and execCommand('copy') (EdgeHTML, older WebView2 policies, WPS).
// false = both failed: the caller shows the text for the user to select and copy by hand.
export async function copyText(text: string, doc: Document = document): Promise<boolean> {
  const clip = (globalThis.navigator as Navigator | undefined)?.clipboard;
  if (clip?.writeText) {
    try {
      await clip.writeText(text);
      return true;
    } catch {
      /* denied or not focused: try the old way */
    }
  }
  const ta = doc.createElement('textarea');
  ta.value = text;
  ta.setAttribute('readonly', '');
  ta.style.position = 'fixed';
  ta.style.top = '0';
  ta.style.left = '-9999px';
  doc.body.appendChild(ta);
  const active = doc.activeElement as HTMLElement | null;
  try {
    ta.select();
    return typeof doc.execCommand === 'function' && doc.execCommand('copy');
  } catch {
    return false;
  } finally {
    ta.remove();
    active?.focus?.();
  }
}
