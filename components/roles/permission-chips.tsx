/** Permission keys as small chips, or "None". */
export function PermissionChips({ keys }: { keys: readonly string[] }) {
  if (!keys.length) return <span className="text-slate-600">None</span>;
  return (
    <ul className="flex flex-wrap gap-1">
      {keys.map((key) => (
        <li key={key} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800">
          {key}
        </li>
      ))}
    </ul>
  );
}
