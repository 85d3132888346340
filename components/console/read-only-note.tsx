/** Said where a console user sees what they can't change: why, and whom to ask. */
export function ReadOnlyNote({ children }: { children?: React.ReactNode }) {
  return (
    <p role="note" className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700">
      {children ?? 'Your console role can view this but not change it. A console owner can change your role on the Team page.'}
    </p>
  );
}
