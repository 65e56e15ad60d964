import { useSearchParams } from "react-router";

/** The person open in the detail drawer is kept in the address (`?person=`): Back closes it. */
export function usePersonParam() {
  const [params, setParams] = useSearchParams();
  const personId = params.get("person");
  const open = (id: string) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      next.set("person", id);
      return next;
    });
  const close = () =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.delete("person");
        return next;
      },
      { replace: true },
    );
  /** A link that opens the person, keeping the list's filters and page. */
  const hrefFor = (id: string) => {
    const next = new URLSearchParams(params);
    next.set("person", id);
    return `?${next.toString()}`;
  };
  return { personId, open, close, hrefFor };
}
