// Run by test/integration/csv-kill.test.ts in its own process: a large import into DATABASE_URL whose body
// stops arriving after `rows` records and says "paused" on stdout, so the test can kill it mid-transaction.
import * as route from '../../app/api/v1/[collection]/import/route';

const rows = Number(process.argv[2] ?? 5000);
const encoder = new TextEncoder();

function body(): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    async pull(controller) {
      if (sent === 0) controller.enqueue(encoder.encode('id,name,kind,country\r\n'));
      if (sent >= rows) {
        process.stdout.write('paused\n');
        await new Promise(() => undefined);
      }
      const lines = Array.from({ length: 500 }, (_, i) => `killed-${sent + i},Killed ${sent + i},builder,US\r\n`);
      sent += 500;
      controller.enqueue(encoder.encode(lines.join('')));
    },
  });
}

async function main() {
  const init: RequestInit & { duplex: 'half' } = { method: 'POST', body: body(), headers: { 'content-type': 'text/csv' }, duplex: 'half' };
  const response = await route.POST(new Request('http://localhost/api/v1/companies/import', init), { params: Promise.resolve({ collection: 'companies' }) });
  process.stdout.write(`finished ${response.status}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
