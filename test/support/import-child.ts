// Run by test/integration/csv-kill.test.ts in its own process: a large import into DATABASE_URL whose body
// stops arriving after `rows` records and says "paused" on stdout, so the test can kill it mid-transaction.
import * as route from '../../app/api/v1/[collection]/import/route';

const rows = Number(process.argv[2] ?? 5000);
/** companies (the default) or investments: rounds of the fixtures' companies, each with a participant. */
const collection = process.argv[3] === 'investments' ? 'investments' : 'companies';
const HEADER = collection === 'investments' ? 'id,company_id,round_type,announced_on,investors,notes\r\n' : 'id,name,kind,country\r\n';
const line = (n: number) => (collection === 'investments' ? `killed-r-${n},harvey,seed,2020-01-01,sequoia,Killed ${n}\r\n` : `killed-${n},Killed ${n},builder,US\r\n`);
const encoder = new TextEncoder();

function body(): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    async pull(controller) {
      if (sent === 0) controller.enqueue(encoder.encode(HEADER));
      if (sent >= rows) {
        process.stdout.write('paused\n');
        await new Promise(() => undefined);
      }
      const lines = Array.from({ length: 500 }, (_, i) => line(sent + i));
      sent += 500;
      controller.enqueue(encoder.encode(lines.join('')));
    },
  });
}

async function main() {
  const init: RequestInit & { duplex: 'half' } = { method: 'POST', body: body(), headers: { 'content-type': 'text/csv' }, duplex: 'half' };
  const response = await route.POST(new Request(`http://localhost/api/v1/${collection}/import`, init), { params: Promise.resolve({ collection }) });
  process.stdout.write(`finished ${response.status}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
