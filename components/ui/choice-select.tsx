import { FieldError } from './field-error';

/**
 * A labelled select with a hint and its field error (an identity provider, say): the hint and the
 * error are announced with it.
 */
export function ChoiceSelect<K extends string>({
  id,
  name,
  label,
  hint,
  value,
  onChange,
  options,
  errors,
}: {
  id: string;
  name: string;
  label: string;
  hint: string;
  value: K;
  onChange: (value: K) => void;
  options: { key: K; label: string }[];
  errors?: string[];
}) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <p id={`${id}-hint`} className="mt-1 text-sm text-slate-600">
        {hint}
      </p>
      <select
        id={id}
        name={name}
        value={value}
        onChange={(event) => onChange(event.target.value as K)}
        aria-describedby={`${id}-hint`}
        className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
      >
        {options.map((option) => (
          <option key={option.key} value={option.key}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldError id={`${id}-error`} errors={errors} />
    </div>
  );
}
