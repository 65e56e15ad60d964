import { Stack } from "@mantine/core";
import type { ReactNode } from "react";
import { BackLink } from "./BackLink";
import { PageHeader } from "./PageHeader";

/** What a module's form page layout is given: its heading, the page to go back to, the form. */
export interface FormPageProps {
  title: string;
  description?: string;
  back: string;
  children: ReactNode;
}

/** A page holding a form: the link back, the heading (and description), then the form. */
export function FormPage({
  maw,
  title,
  description,
  back,
  backLabel,
  children,
}: FormPageProps & { maw: number; backLabel: string }) {
  return (
    <Stack maw={maw}>
      <BackLink to={back} label={backLabel} />
      <PageHeader title={title} {...(description ? { description } : {})} />
      {children}
    </Stack>
  );
}
