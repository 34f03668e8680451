'use client';

import { useState } from 'react';

/** A button that copies a text to the clipboard and says so for a moment. */
export function CopyText({ text, label, done, testId }: { text: string; label: string; done: string; testId?: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // No clipboard permission (plain http on another host): select-and-copy by hand still works.
      return;
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };
  return (
    <button type="button" className="btn" onClick={copy} data-testid={testId} aria-live="polite">
      {copied ? done : label}
    </button>
  );
}
