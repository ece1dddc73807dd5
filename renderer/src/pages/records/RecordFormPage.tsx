export function RecordFormPage({ id }: { id?: string }) {
  return <div>建设中 {id}</div>;
}
