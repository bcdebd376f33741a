// Loads one of the pane's optional bundles (webpack entries of their own, e.g. the norms checker): the page names
// its file in <meta name="…" content="file"> (webpack.config.js NormsFilesPlugin), the bundle sets a global.
// ES5-safe: the lite pane uses it under Internet Explorer 11. Same origin as the page; nothing else is fetched.

export function loadBundle<T>(metaName: string, globalName: string): Promise<T> {
  const w = window as unknown as Record<string, T | undefined>;
  return new Promise<T>((resolve, reject) => {
    const ready = w[globalName];
    if (ready) return resolve(ready);
    const meta = document.querySelector(`meta[name="${metaName}"]`);
    const src = meta && meta.getAttribute('content');
    if (!src) return reject(new Error(`no ${metaName} bundle on this page`));
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => {
      const loaded = w[globalName];
      if (loaded) resolve(loaded);
      else reject(new Error(`${src} did not define ${globalName}`));
    };
    script.onerror = () => reject(new Error(`${src} could not be loaded`));
    document.head.appendChild(script);
  });
}
