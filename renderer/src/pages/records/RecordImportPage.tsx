export function RecordImportPage() {
  return <div>建设中</div>;
}
