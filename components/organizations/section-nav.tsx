'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

export interface Section {
  href: string;
  label: string;
  /** A short status beside the label, e.g. "3 pending". */
  badge?: string;
  /** Whether the badge asks for attention. */
  warn?: boolean;
}

/** The organization workspace's sections. The current one is marked for screen readers too. */
export function SectionNav({ sections }: { sections: Section[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Organization sections" className="border-b border-slate-200">
      <ul className="-mb-px flex flex-wrap gap-1">
        {sections.map((section, index) => {
          // A section's own pages (a member's page under Members) mark it too; the Overview is the base path.
          const current = pathname === section.href || (index > 0 && pathname.startsWith(`${section.href}/`));
          return (
            <li key={section.href}>
              <Link
                href={section.href}
                aria-current={current ? 'page' : undefined}
                className={`inline-flex items-center gap-2 border-b-2 px-3 py-2 text-sm no-underline ${
                  current ? 'border-blue-700 font-semibold text-slate-900' : 'border-transparent text-slate-700 hover:border-slate-300'
                }`}
              >
                {section.label}
                {section.badge ? (
                  <span
                    className={`rounded-full px-2 py-0.5 text-xs ${section.warn ? 'bg-amber-100 text-amber-900' : 'bg-slate-100 text-slate-700'}`}
                  >
                    {section.badge}
                  </span>
                ) : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
