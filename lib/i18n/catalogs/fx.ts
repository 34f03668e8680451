// Money in the reader's currency: the currency switch, converted figures and their markers (lib/fx). Short on
// purpose: every catalog ships to the browser.
export const en = {
  'fx.switch.label': 'Currency',
  'fx.switch.more': 'More',
  'fx.switch.apply': 'Show',
  'fx.cell.norate': 'No {currency} rate for its year: left out, not 0',
  'fx.note': 'Money in {currency} at each round’s yearly average rate: {rates} ({source}).',
  'fx.note.missing': 'No {currency} rate for {years}: left out (—), not 0.',
  'fx.note.converted': '“converted”: reported in another currency, converted to US$ at its year’s rate.',
  'fx.rates.link': 'Exchange rates',
  'fx.chart.note': 'in {currency} at yearly rates ({rates}; {source})',
  'fx.chart.missing': 'no rate for {years}',
  'fx.tile.converted': '{n} converted',
} as const;

export const zh: Record<keyof typeof en, string> = {
  'fx.switch.label': '货币',
  'fx.switch.more': '更多',
  'fx.switch.apply': '显示',
  'fx.cell.norate': '缺少当年{currency}汇率:不计入,不按 0 计',
  'fx.note': '金额按各轮次当年平均汇率折合{currency}:{rates}({source})。',
  'fx.note.missing': '缺少 {years} 年{currency}汇率:不计入(—),不按 0 计。',
  'fx.note.converted': '“折算”:原以其他货币披露,按当年汇率折算为美元。',
  'fx.rates.link': '汇率表',
  'fx.chart.note': '按年度汇率折合{currency}({rates};{source})',
  'fx.chart.missing': '缺少 {years} 年汇率',
  'fx.tile.converted': '{n} 轮折算',
};
