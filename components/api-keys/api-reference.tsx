import Link from 'next/link';
import { Fragment, type ReactNode } from 'react';
import { DataTable } from '@/components/ui/data-table';
import type { ReferenceField, ReferenceSection } from '@/lib/api/reference';

/** `text with \`code\`` as text and <code> runs. */
function Inline({ text }: { text: string }) {
  return (
    <>
      {text.split(/(`[^`]+`)/).map((part, i) =>
        part.startsWith('`') && part.endsWith('`') ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed string
          <code key={i} className="rounded bg-slate-100 px-1 text-[0.85em]">
            {part.slice(1, -1)}
          </code>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed string
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}

const METHOD_STYLES: Record<string, string> = {
  GET: 'bg-sky-100 text-sky-900',
  POST: 'bg-emerald-100 text-emerald-900',
  PATCH: 'bg-amber-100 text-amber-900',
  DELETE: 'bg-rose-100 text-rose-900',
};

function Fields({ caption, fields, location }: { caption: string; fields: (ReferenceField & { in?: string })[]; location?: boolean }) {
  return (
    <DataTable
      caption={caption}
      columns={[{ label: 'Name' }, ...(location ? [{ label: 'In' }] : []), { label: 'Type' }, { label: 'Description' }]}
    >
      {fields.map((field) => (
        <tr key={`${field.in ?? ''}${field.name}`} className="align-top">
          <td className="px-4 py-2 font-mono text-xs">
            {field.name}
            {field.required ? <span className="ml-1 text-rose-800">required</span> : null}
          </td>
          {location ? <td className="px-4 py-2 text-xs">{field.in}</td> : null}
          <td className="px-4 py-2 text-xs">{field.type}</td>
          <td className="px-4 py-2 text-xs">
            <Inline text={field.description} />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

/** The readable reference of `/api/v1`: every operation by tag, the schemas, and the error codes, from the OpenAPI document. */
export function ApiReference({
  intro,
  sections,
  schemas,
  errors,
  scopes,
}: {
  intro: string[];
  sections: ReferenceSection[];
  schemas: { name: string; fields: ReferenceField[] }[];
  errors: { code: string; status: number; message: string }[];
  scopes: { scope: string; description: string }[];
}) {
  const heading = (id: string, children: ReactNode) => (
    <h2 id={id} className="scroll-mt-4 text-xl font-semibold">
      {children}
    </h2>
  );
  return (
    <div className="space-y-10">
      <header className="space-y-3">
        <p className="text-sm">
          <Link href="/api-keys" className="text-blue-800 underline">
            API keys
          </Link>
        </p>
        <h1 className="text-2xl font-semibold">API reference</h1>
        {intro.map((paragraph) => (
          <p key={paragraph} className="max-w-3xl text-sm text-slate-700">
            <Inline text={paragraph} />
          </p>
        ))}
        <p className="text-sm">
          <a href="/api/v1/openapi.json" className="text-blue-800 underline">
            Download the OpenAPI 3.1 document
          </a>{' '}
          for client generators and tools.
        </p>
      </header>

      <nav aria-label="Endpoints" className="rounded-lg border border-slate-200 bg-white p-4">
        <ul className="grid gap-x-8 gap-y-1 break-words text-sm md:grid-cols-2">
          {sections.flatMap((section) =>
            section.operations.map((op) => (
              <li key={op.anchor}>
                <a href={`#${op.anchor}`} className="text-blue-800 underline">
                  <span className="font-mono text-xs">{op.method}</span> {op.summary}
                </a>
              </li>
            )),
          )}
        </ul>
      </nav>

      {sections.map((section) => (
        <section key={section.tag} aria-labelledby={`tag-${section.tag}`} className="space-y-6">
          {heading(`tag-${section.tag}`, section.tag)}
          <p className="text-sm text-slate-700">{section.description}</p>
          {section.operations.map((op) => (
            <article
              key={op.anchor}
              id={op.anchor}
              aria-labelledby={`${op.anchor}-title`}
              className="scroll-mt-4 space-y-3 rounded-lg border border-slate-200 bg-white p-5"
            >
              <h3 id={`${op.anchor}-title`} className="text-base font-semibold">
                {op.summary}
              </h3>
              <p className="break-all font-mono text-sm">
                <span className={`mr-2 rounded px-2 py-0.5 text-xs font-semibold ${METHOD_STYLES[op.method] ?? ''}`}>{op.method}</span>
                /api/v1{op.path}
              </p>
              {op.description ? (
                <p className="text-sm text-slate-700">
                  <Inline text={op.description} />
                </p>
              ) : null}
              <p className="text-sm">
                Scope: <code className="rounded bg-slate-100 px-1">{op.scope}</code>
              </p>
              {op.parameters.length ? <Fields caption={`${op.summary}: parameters`} fields={op.parameters} location /> : null}
              {op.body.length ? <Fields caption={`${op.summary}: JSON body`} fields={op.body} /> : null}
              <p className="text-sm">
                Answers {op.success}
                {op.answer ? (
                  <>
                    {' with '}
                    {op.answerLink ? (
                      <a href={`#${op.answerLink}`} className="text-blue-800 underline">
                        {op.answer}
                      </a>
                    ) : (
                      op.answer
                    )}
                  </>
                ) : (
                  ' with no content'
                )}
                .
              </p>
            </article>
          ))}
        </section>
      ))}

      <section aria-labelledby="schemas" className="space-y-6">
        {heading('schemas', 'Schemas')}
        {schemas.map((schema) => (
          <div key={schema.name} id={`schema-${schema.name}`} className="scroll-mt-4 space-y-2">
            <h3 className="text-base font-semibold">{schema.name}</h3>
            <Fields caption={`${schema.name} fields`} fields={schema.fields} />
          </div>
        ))}
      </section>

      <section aria-labelledby="scopes" className="space-y-3">
        {heading('scopes', 'Scopes')}
        <DataTable caption="Scopes" columns={[{ label: 'Scope' }, { label: 'What it allows' }]}>
          {scopes.map((s) => (
            <tr key={s.scope}>
              <td className="px-4 py-2 font-mono text-xs">{s.scope}</td>
              <td className="px-4 py-2 text-xs">{s.description}</td>
            </tr>
          ))}
        </DataTable>
      </section>

      <section aria-labelledby="errors" className="space-y-3">
        {heading('errors', 'Error codes')}
        <p className="text-sm text-slate-700">
          A failure answers <code className="rounded bg-slate-100 px-1">{'{ error, message, fieldErrors? }'}</code>; the code is stable.
        </p>
        <DataTable caption="Error codes" columns={[{ label: 'Code' }, { label: 'Status' }, { label: 'Meaning' }]}>
          {errors.map((e) => (
            <tr key={e.code}>
              <td className="px-4 py-2 font-mono text-xs">{e.code}</td>
              <td className="px-4 py-2 text-xs">{e.status}</td>
              <td className="px-4 py-2 text-xs">{e.message}</td>
            </tr>
          ))}
        </DataTable>
      </section>
    </div>
  );
}
