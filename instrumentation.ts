// Runs once when a server process starts (Next.js calls register() in `npm start`, `next start` and `next dev`):
// starts the process's delivery sender (docs/decisions/035-delivery-sender.md). Not during `next build`.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { startDeliverySender } = await import('./db/delivery-sender');
  startDeliverySender();
}
