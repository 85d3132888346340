'use client';

import { useRef, useState } from 'react';
import { buttonClasses } from '@/components/ui/button';

type Progress = { format: string; rows: number; total: number | null } | null;

/**
 * Downloads an export while showing how far it got. Without JavaScript the links download the
 * same streamed file directly.
 */
export function ExportButtons({ basePath, filters }: { basePath: string; filters: string }) {
  const [progress, setProgress] = useState<Progress>(null);
  const [message, setMessage] = useState<string | null>(null);
  const busy = useRef(false);

  const hrefFor = (format: string) =>
    `${basePath}?${new URLSearchParams([...new URLSearchParams(filters), ['format', format]]).toString()}`;

  async function download(event: React.MouseEvent<HTMLAnchorElement>, format: 'csv' | 'jsonl') {
    event.preventDefault();
    if (busy.current) return;
    busy.current = true;
    setMessage(null);
    try {
      const response = await fetch(hrefFor(format), { headers: { accept: format === 'csv' ? 'text/csv' : 'application/x-ndjson' } });
      if (!response.ok || !response.body) throw new Error(`the server answered ${response.status}`);
      const total = Number(response.headers.get('x-total-count') ?? 'NaN');
      const reader = response.body.getReader();
      const parts: BlobPart[] = [];
      let lines = 0;
      setProgress({ format, rows: 0, total: Number.isFinite(total) ? total : null });
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value);
        for (const byte of value) if (byte === 10) lines++;
        // CSV has a header line, and quoted fields may hold line breaks: never show more than the total.
        const rows = Math.max(0, format === 'csv' ? lines - 1 : lines);
        setProgress({ format, rows: Number.isFinite(total) ? Math.min(rows, total) : rows, total: Number.isFinite(total) ? total : null });
      }
      const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `audit.${format}`;
      const url = URL.createObjectURL(new Blob(parts, { type: response.headers.get('content-type') ?? 'text/plain' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setMessage(`Exported ${Number.isFinite(total) ? total.toLocaleString('en-US') : 'all'} events as ${name}.`);
    } catch (error) {
      setMessage(`The export failed (${(error as Error).message}). Check your connection and try again.`);
    } finally {
      setProgress(null);
      busy.current = false;
    }
  }

  return (
    <div className="flex flex-wrap items-center gap-3 text-sm">
      <span className="font-medium text-slate-800">Export these events:</span>
      <a href={hrefFor('csv')} onClick={(event) => download(event, 'csv')} className={buttonClasses('secondary')}>
        CSV
      </a>
      <a href={hrefFor('jsonl')} onClick={(event) => download(event, 'jsonl')} className={buttonClasses('secondary')}>
        JSON Lines
      </a>
      {progress ? (
        <span className="flex items-center gap-2">
          <progress
            aria-label={`Exporting ${progress.format.toUpperCase()}`}
            value={progress.rows}
            max={progress.total ?? undefined}
            className="h-2 w-40"
          />
          <span>
            {progress.rows.toLocaleString('en-US')}
            {progress.total !== null ? ` of ${progress.total.toLocaleString('en-US')}` : ''} events
          </span>
        </span>
      ) : null}
      <span role="status" aria-live="polite" className="text-slate-700">
        {message}
      </span>
    </div>
  );
}
