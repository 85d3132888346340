'use client';

import { FieldError } from './field-error';

/**
 * A fieldset of named choices, each a checkbox with its code and its words (an API key's scopes, a
 * webhook endpoint's events), kept in the caller's state, with the field's error below.
 */
export function CheckboxList({
  legend,
  name,
  options,
  chosen,
  onChange,
  errorId,
  errors,
}: {
  legend: string;
  name: string;
  options: { value: string; description: string }[];
  chosen: string[];
  onChange: (chosen: string[]) => void;
  errorId: string;
  errors?: string[];
}) {
  return (
    <fieldset aria-describedby={errorId}>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      <ul className="mt-1 grid gap-1 sm:grid-cols-2">
        {options.map((option) => (
          <li key={option.value}>
            <label className="flex items-start gap-2 text-sm">
              <input
                type="checkbox"
                name={name}
                value={option.value}
                className="mt-1"
                checked={chosen.includes(option.value)}
                onChange={(event) =>
                  onChange(event.target.checked ? [...chosen, option.value] : chosen.filter((value) => value !== option.value))
                }
              />
              <span>
                <code className="text-xs">{option.value}</code>: {option.description}
              </span>
            </label>
          </li>
        ))}
      </ul>
      <FieldError id={errorId} errors={errors} />
    </fieldset>
  );
}
