import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from 'react';

type Labelled = {
  label: string;
  name: string;
  hint?: ReactNode;
  errors?: string[];
};

/** The ids a field's label, hint and error share, and the wrapper that lays them out. */
function fieldParts(name: string, id: string | undefined, hint: ReactNode, errors: string[] | undefined) {
  const inputId = id ?? `field-${name}`;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = errors?.length ? `${inputId}-error` : undefined;
  return {
    inputId,
    errorId,
    control: {
      id: inputId,
      name,
      'aria-invalid': errorId ? true : undefined,
      'aria-describedby': [errorId, hintId].filter(Boolean).join(' ') || undefined,
    },
    borderClass: errorId ? 'border-red-600' : 'border-slate-300',
    wrap: (label: string, className: string, control: ReactNode) => (
      <div className={className}>
        <label htmlFor={inputId} className="block text-sm font-medium text-slate-800">
          {label}
        </label>
        {hint ? (
          <p id={hintId} className="mt-1 text-sm text-slate-600">
            {hint}
          </p>
        ) : null}
        {control}
        {errorId ? (
          <p id={errorId} className="mt-1 text-sm text-red-700">
            {errors!.join(' ')}
          </p>
        ) : null}
      </div>
    ),
  };
}

/** A labelled input whose errors sit beside it and are announced with it. */
export function TextField({ label, name, hint, errors, id, className = '', ...props }: InputHTMLAttributes<HTMLInputElement> & Labelled) {
  const parts = fieldParts(name, id, hint, errors);
  return parts.wrap(
    label,
    className,
    <input
      {...parts.control}
      className={`mt-1 block w-full rounded-md border px-3 py-2 text-sm shadow-sm ${parts.borderClass}`}
      {...props}
    />,
  );
}

/** The same, for several lines: certificates, metadata, lists. */
export function TextAreaField({
  label,
  name,
  hint,
  errors,
  id,
  className = '',
  ...props
}: TextareaHTMLAttributes<HTMLTextAreaElement> & Labelled) {
  const parts = fieldParts(name, id, hint, errors);
  return parts.wrap(
    label,
    className,
    <textarea
      {...parts.control}
      className={`mt-1 block w-full rounded-md border px-3 py-2 font-mono text-xs shadow-sm ${parts.borderClass}`}
      {...props}
    />,
  );
}
