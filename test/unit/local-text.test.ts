import { describe, expect, it } from 'vitest';
import { localText } from '@/lib/i18n/content';

describe('localText: our own content in the interface language', () => {
  it('shows the Chinese twin in Chinese and the English text in English', () => {
    expect(localText('Bull case', '乐观情形', 'zh')).toEqual({ text: '乐观情形', fallback: false });
    expect(localText('Bull case', '乐观情形', 'en')).toEqual({ text: 'Bull case', fallback: false });
  });

  it('falls back to English in Chinese, marked, when the twin is empty or blank', () => {
    expect(localText('Bull case', null, 'zh')).toEqual({ text: 'Bull case', fallback: true });
    expect(localText('Bull case', '  ', 'zh')).toEqual({ text: 'Bull case', fallback: true });
  });

  it('shows a Chinese-only text in English too, and nothing when there is no text', () => {
    expect(localText(null, '只有中文', 'en')).toEqual({ text: '只有中文', fallback: false });
    expect(localText('', null, 'zh')).toBeNull();
  });
});
