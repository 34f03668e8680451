/** The view's other parameters as hidden fields, so that a GET form without JavaScript keeps them. */
export function HiddenParams({ search, except }: { search: URLSearchParams; except: readonly string[] }) {
  return (
    <>
      {[...search].filter(([key]) => !except.includes(key)).map(([key, value], i) => (
        <input key={`${key}-${i}`} type="hidden" name={key} value={value} />
      ))}
    </>
  );
}
