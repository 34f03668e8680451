// Runs once when a server process starts (Next.js calls register() in `npm start`, `next start` and `next dev`):
// starts the process's delivery sender (docs/decisions/035-delivery-sender.md). The import sits inside the
// runtime test, as Next.js documents, so that the edge build of this file leaves the Node.js-only code out.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { startDeliverySender } = await import('./db/delivery-sender');
    if (process.env.NEXT_PHASE !== 'phase-production-build') startDeliverySender();
  }
}
