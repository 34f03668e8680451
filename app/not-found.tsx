import Link from 'next/link';
import { getTranslator } from './_lib/locale';

export default async function NotFound() {
  const { t } = await getTranslator();
  return (
    <div className="empty">
      <h1>404</h1>
      <p>{t('error.notFound')}</p>
      <Link href="/">{t('error.home')}</Link>
    </div>
  );
}
