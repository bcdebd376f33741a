export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as Record<string, unknown>).__banxieE2E as
    | { app: { close(): Promise<unknown> }; upstream: { close(): Promise<unknown> } }
    | undefined;
  await state?.app.close();
  await state?.upstream.close();
}
