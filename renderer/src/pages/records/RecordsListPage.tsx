export function RecordsListPage() {
  return <div>建设中</div>;
}
