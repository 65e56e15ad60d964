import { type ReactNode, useEffect, useRef } from "react";

/**
 * Brings a message that appears at the top of a long form (a conflict, a refusal) into view: on a
 * phone the user has scrolled down to the submit button and would not see it otherwise.
 */
export function RevealOnMount({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.scrollIntoView?.({ block: "nearest" });
  }, []);
  return <div ref={ref}>{children}</div>;
}
