import { useDebouncedCallback } from "@mantine/hooks";
import { useState } from "react";
import { useSearchParams } from "react-router";

/**
 * A search box kept in the address (`?q=`), so Back and shared links keep it: what is typed shows
 * at once; the address (and so the query to the server) follows after a pause, and starts again
 * from page 1. When the address changes from outside (a navigation link, Back) the box follows it.
 */
export function useSearchText(key = "q", delayMs = 300) {
  const [params, setParams] = useSearchParams();
  const committed = params.get(key) ?? "";
  const [text, setTextState] = useState(committed);
  const [shown, setShown] = useState(committed);
  if (committed !== shown) {
    setShown(committed);
    if (text.trim() !== committed) setTextState(committed);
  }
  const commitLater = useDebouncedCallback((value: string) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        next.delete("page");
        return next;
      },
      { replace: true },
    );
  }, delayMs);
  const setText = (value: string) => {
    setTextState(value);
    commitLater(value.trim());
  };
  return { text, setText, committed };
}
