export function App() {
  return (
    <main>
      <h1>Rightsize</h1>
    </main>
  );
}
