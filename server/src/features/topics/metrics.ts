import { type FigureSnapshot, type MetricDefinition, stock } from "../../lib/figures.ts";
import { studiedMetric, studyShare } from "./figures.ts";

/** The members who studied the topic of the period's year (its end's year), at the period's end. */
const studied = (f: FigureSnapshot) => stock(studiedMetric(f.to.slice(0, 4)))(f);

/** The metrics this module derives from the figures (installed by the composition root). */
export const metrics: MetricDefinition[] = [
  {
    key: "topics.studied",
    label: {
      vi: "Đảng viên đã học tập chuyên đề của năm (cuối kỳ)",
      en: "Members who studied the year's topic (end of period)",
    },
    compute: (f) => ({ "topics.studied": studied(f) }),
  },
  {
    key: "topics.studiedShare",
    label: {
      vi: "Tỷ lệ đảng viên đã học tập chuyên đề của năm",
      en: "Share of members who studied the year's topic",
    },
    // Of the members active at the period's end; people who studied and left since do not raise it above 1.
    compute: (f) => ({ "topics.studiedShare": studyShare(studied(f), stock("people.active")(f)) }),
  },
];
