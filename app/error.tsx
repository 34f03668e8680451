'use client';

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const zh = typeof document !== 'undefined' && document.documentElement.lang.startsWith('zh');
  return (
    <div className="error-box" role="alert">
      <h1>{zh ? '出错了' : 'Something went wrong'}</h1>
      <p className="mono small">{error.digest ? `digest ${error.digest}` : error.message}</p>
      <button className="btn" type="button" onClick={reset}>
        {zh ? '重试' : 'Try again'}
      </button>
    </div>
  );
}
