/** A field's errors, announced with it through the id its input names in aria-describedby. */
export function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  return errors?.length ? (
    <p id={id} className="mt-1 text-sm text-red-700">
      {errors.join(' ')}
    </p>
  ) : null;
}
