import type { ReactNode } from 'react';

export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-6 py-12">
      <p className="mb-6 text-lg font-bold tracking-tight text-slate-900">Orgdesk</p>
      <div className="rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold">{title}</h1>
        <div className="mt-4 space-y-4 text-sm text-slate-700">{children}</div>
      </div>
    </main>
  );
}
