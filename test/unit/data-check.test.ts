// `npm run data:check` as a test, so that `npm test` covers the seed data: the rows in data/ meet every rule of
// lib/seed-data/check.ts. The second block shows each rule catching what it is for, on one bad row added to
// the real files.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSeedData, normaliseCompanyName } from '@/lib/seed-data/check';
import { readSeedInput } from '@/lib/seed-data/files';
import { sourceUrlProblem } from '@/lib/seed-data/urls';

const ROOT = path.resolve(__dirname, '../..');
const real = readSeedInput(ROOT);

function withRow(collection: string, line: string) {
  return { ...real, csv: { ...real.csv, [collection]: `${real.csv[collection]!.trimEnd()}\n${line}\n` } };
}

describe('seed data in data/', () => {
  it('finds the source report beside the repository', () => {
    expect(real.report).not.toBeNull();
  });

  it('meets every rule', () => {
    expect(checkSeedData(real)).toEqual([]);
  });
});

describe('data:check rules', () => {
  const ROUND = 'zz-round,openai,other,2024-01-01,month';
  const tail = (url: string, disputed = '0', note = 'note') => `equity,,,${disputed},${note},${url},reported`;
  const ARTICLE = 'https://example.com/news/2024/01/02/openai-raises';

  it('rejects a figure row whose source is a bare domain or a bare date path', () => {
    expect(checkSeedData(withRow('investments', `${ROUND},100,100,USD,,${tail('https://example.com/')}`)).join('\n')).toMatch(/zz-round.*bare domain/);
    expect(checkSeedData(withRow('investments', `${ROUND},100,100,USD,,${tail('https://example.com/2023/10/09/')}`)).join('\n')).toMatch(/zz-round.*bare date path/);
    expect(checkSeedData(withRow('investments', `${ROUND},100,100,USD,,equity,,,0,note,,reported`)).join('\n')).toMatch(/zz-round.*must name the page/);
  });

  it('rejects an exchange rate without its page, at 0, in a currency that is not ISO 4217, or with another id', () => {
    const G5A = 'https://federalreserve.gov/releases/g5a/20240201';
    const problems = (line: string) => checkSeedData(withRow('fx-rates', line)).join('\n');
    expect(problems(`jpy-2014,2014,JPY,105.74,units_per_usd,,verified,`)).toMatch(/fx-rates.csv .*jpy-2014.*source_url: a figure row must name the page/);
    expect(problems(`jpy-2014,2014,JPY,0,units_per_usd,${G5A},verified,`)).toMatch(/rate: must be above 0/);
    expect(problems(`xyz-2014,2014,XYZ,1,units_per_usd,${G5A},verified,`)).toMatch(/"XYZ" is not an ISO 4217 code/);
    expect(problems(`yen-2014,2014,JPY,105.74,units_per_usd,${G5A},verified,`)).toMatch(/id: must be "jpy-2014"/);
    expect(problems(`cny-2023,2023,CNY,7.0809,units_per_usd,${G5A},verified,`)).toMatch(/repeats an id/);
  });

  it('rejects a zero amount, a currency that is not ISO 4217, and an amount without its currency', () => {
    expect(checkSeedData(withRow('investments', `${ROUND},,0,USD,,${tail(ARTICLE)}`)).join('\n')).toMatch(/amount_original: must be above 0/);
    expect(checkSeedData(withRow('investments', `${ROUND},,100,XYZ,,${tail(ARTICLE)}`)).join('\n')).toMatch(/"XYZ" is not an ISO 4217 code/);
    expect(checkSeedData(withRow('investments', `${ROUND},,100,,,${tail(ARTICLE)}`)).join('\n')).toMatch(/amount_original and currency go together/);
  });

  it('rejects an id that names no row', () => {
    const problems = checkSeedData(withRow('investments', `zz-round,no-such-company,other,2024-01-01,month,100,100,USD,,equity,,openai;nobody,0,note,${ARTICLE},reported`));
    expect(problems.join('\n')).toMatch(/company_id: no companies row "no-such-company"/);
    expect(problems.join('\n')).toMatch(/investors: no companies row "nobody"/);
  });

  it('rejects a disputed round whose notes give no competing figure, and notes naming a dispute on a round not marked', () => {
    expect(checkSeedData(withRow('investments', `${ROUND},100,100,USD,,${tail(ARTICLE, '1')}`)).join('\n')).toMatch(/zz-round.*disputed.*"Disputed:"/);
    expect(checkSeedData(withRow('investments', `${ROUND},100,100,USD,,${tail(ARTICLE, '0', 'Disputed: USD 200 per https://example.org/a')}`)).join('\n')).toMatch(/zz-round.*"Disputed:".*not marked/);
    expect(checkSeedData(withRow('investments', `${ROUND},100,100,USD,,${tail(ARTICLE, '1', 'Disputed: USD 200 per https://example.org/a')}`))).toEqual([]);
  });

  it('rejects a value outside the registry', () => {
    expect(checkSeedData(withRow('investments', `zz-round,openai,series_z,2024-01-01,month,100,100,USD,,${tail(ARTICLE)}`)).join('\n')).toMatch(/zz-round.*round_type/);
  });

  it('rejects a milestone without a source, without a precision, or dated inside the span its precision names', () => {
    const event = (date: string, precision: string, url: string) => `zz-event,${date},${precision},Title,标题,model,openai,,,${url},reported`;
    expect(checkSeedData(withRow('events', event('2023-08-01', 'month', ARTICLE)))).toEqual([]);
    expect(checkSeedData(withRow('events', event('2023-08-01', 'month', ''))).join('\n')).toMatch(/zz-event.*a milestone must name the page/);
    expect(checkSeedData(withRow('events', event('2023-08-15', '', ARTICLE))).join('\n')).toMatch(/zz-event.*date_precision: a milestone says/);
    expect(checkSeedData(withRow('events', event('2023-08-15', 'month', ARTICLE))).join('\n')).toMatch(/zz-event.*first day of that month \(got 2023-08-15\)/);
    expect(checkSeedData(withRow('events', event('2023-05-01', 'quarter', ARTICLE))).join('\n')).toMatch(/first day of that quarter/);
    expect(checkSeedData(withRow('events', event('2023-04-01', 'quarter', ARTICLE)))).toEqual([]);
    expect(checkSeedData(withRow('events', event('2012-03-01', 'year', ARTICLE))).join('\n')).toMatch(/first day of that year/);
    expect(checkSeedData(withRow('events', event('2023-08-01', 'month', 'https://example.com/'))).join('\n')).toMatch(/zz-event.*bare domain/);
  });

  it('rejects two companies whose names match once normalised', () => {
    expect(normaliseCompanyName('Open AI (the lab)')).toBe(normaliseCompanyName('OpenAI'));
    const problems = checkSeedData(withRow('companies', 'open-ai-2,Open-AI,,builder,US,,,,,,,,private,,,,https://example.com/about,reported'));
    expect(problems.join('\n')).toMatch(/open-ai-2.*same name as openai/);
  });

  it('rejects a report-sourced hypothesis whose Chinese statement is not the report\'s wording, and accepts an elided quote', () => {
    const hyp = (zh: string) => `zz-h,H99,Title,标题,Statement.,${zh},technology,open,,,"CICC AI 十年展望(五), 2023-02-03, 导语"`;
    expect(checkSeedData(withRow('hypotheses', hyp('大模型改变了一切'))).join('\n')).toMatch(/zz-h.*not the report's own wording/);
    expect(checkSeedData(withRow('hypotheses', hyp('海外及国内商业落地处在初期 … 海外落地节奏显著快于国内')))).toEqual([]);
    expect(checkSeedData({ ...real, report: null }).join('\n')).toMatch(/source report .* could not be read/);
  });

  it('rejects shares of one segment and period that add up to more than 100 %', () => {
    const segment = 'Generative-AI chatbot web traffic (worldwide)';
    const zh = '生成式 AI 聊天机器人网站访问量（全球）';
    const problems = checkSeedData(withRow('market-shares', `zz-share,${segment},${zh},2026-01,anthropic,traffic,50,,%,note,${ARTICLE},reported`));
    expect(problems.join('\n')).toMatch(/add up to 148.2 %/);
    expect(checkSeedData(withRow('market-shares', `zz-share,Other segment,其他,2026-01,anthropic,traffic,0,,%,note,${ARTICLE},reported`)).join('\n')).toMatch(/share_pct: must be above 0/);
  });

  it('rejects a segment without a Chinese name, or with two', () => {
    const segment = 'Generative-AI chatbot web traffic (worldwide)';
    const row = (zh: string) => withRow('market-shares', `zz-share,${segment},${zh},2025-01,anthropic,traffic,1,,%,note,${ARTICLE},reported`);
    expect(checkSeedData(row('')).join('\n')).toMatch(/segment "Generative-AI chatbot web traffic \(worldwide\)" has a row without a Chinese name/);
    expect(checkSeedData(row('聊天机器人流量')).join('\n')).toMatch(/has several Chinese names/);
    expect(checkSeedData(row('生成式 AI 聊天机器人网站访问量（全球）'))).toEqual([]);
  });

  it('accepts an article address with a path or a query, and nothing else', () => {
    expect(sourceUrlProblem('https://datajive.tech/?p=551')).toBeNull();
    expect(sourceUrlProblem('https://www.theverge.com/2017/12/12/')).toMatch(/bare date path/);
    expect(sourceUrlProblem('ftp://example.com/file')).toMatch(/not an http/);
  });
});
