// 민원서비스 종합평가 scores for a national dataset: one CSV per institution type, in the grade page's import format
// ("기관,총점,1,2,3,4,5"), as many institutions per type as were evaluated in 2024 (중앙 47, 광역 17, 교육청 17,
// 기초 226: chungnam.go.kr nttId=2151732). The scores are INVENTED (no per-institution scores are public), spread
// like the published type averages (76.65 … 78.74 of 100, 2023–2025 notices); each institution is "가상 <type> NNN".

/** The 2024 groups: key, Korean label, how many were evaluated. */
export const COMPREHENSIVE_TYPES = [
  { key: "central", label: "중앙행정기관", count: 47 },
  { key: "sido", label: "광역자치단체", count: 17 },
  { key: "education", label: "시·도 교육청", count: 17 },
  { key: "sigungu", label: "기초자치단체", count: 226 },
] as const;

/** Item maxima of the reconstructed 2024 edition (items 1–5), which the item scores split the total by. */
const ITEM_POINTS = [30, 15, 20, 20, 15];

const two = (n: number) => (Math.round(n * 100) / 100).toFixed(2);

/** One CSV per type; `rand` gives numbers in [0, 1) (deterministic in the generator). */
export function comprehensiveScoreFiles(rand: () => number): { type: string; label: string; csv: string }[] {
  return COMPREHENSIVE_TYPES.map((type) => {
    const lines = ["기관,총점,1,2,3,4,5"];
    for (let n = 1; n <= type.count; n++) {
      // Around 78 of 100, ±14, a little skewed upward as the notices' grades suggest.
      const share = Math.min(0.99, Math.max(0.45, 0.78 + (rand() + rand() + rand() - 1.5) * 0.18));
      const items = ITEM_POINTS.map((max) => Math.min(max, max * Math.min(1, share + (rand() - 0.5) * 0.12)));
      const total = items.reduce((a, b) => a + Number(two(b)), 0);
      lines.push([`가상 ${type.label} ${String(n).padStart(3, "0")}`, two(total), ...items.map(two)].join(","));
    }
    return { type: type.key, label: type.label, csv: `${lines.join("\n")}\n` };
  });
}
