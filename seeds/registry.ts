// The certified institutions of 2012–2015 (seed 002 and seed 000 §12; see shared/reference/domain-facts.md; 2015:
// shared/reference/schemes.md §A). Only the institutions a source names are here: the national counts, with the
// unnamed rest, are in app/domain/schemes/national.ts.
// Plain data: correct a name or an award date here and re-seed. Names are written as they were officially
// written at the time of certification (강원도 and 전라북도 before their renaming as 특별자치도).
import type { CertificationKind, InstitutionType } from "#db/schema";

export interface RegistryInstitution {
  /** Stable romanized key, e.g. "seoul-seodaemun". */
  code: string;
  /** Official Korean name, e.g. "서울특별시 서대문구". */
  name: string;
  /** The 시·도 the institution belongs to; a 광역 body is its own region. */
  region: string;
  type: InstitutionType;
}

export interface AwardYear {
  year: number;
  /** 인증서 수여일 (YYYY-MM-DD, Asia/Seoul). */
  awardDate: string;
  /** Stored with every certification of the year: where the date comes from, or that it is an assumption. */
  note: string;
}

export interface RegistryCertification {
  year: number;
  /** The institution's official name, as in REGISTRY_INSTITUTIONS. */
  name: string;
  kind: CertificationKind;
}

const SEOUL = "서울특별시";
const BUSAN = "부산광역시";
const DAEGU = "대구광역시";
const INCHEON = "인천광역시";
const GWANGJU = "광주광역시";
const DAEJEON = "대전광역시";
const GYEONGGI = "경기도";
const GANGWON = "강원도";
const CHUNGBUK = "충청북도";
const CHUNGNAM = "충청남도";
const JEONBUK = "전라북도";
const JEONNAM = "전라남도";
const GYEONGBUK = "경상북도";

const sido = (code: string, name: string): RegistryInstitution => ({ code, name, region: name, type: "sido" });
const sigungu = (code: string, region: string, local: string): RegistryInstitution => ({
  code,
  name: `${region} ${local}`,
  region,
  type: "sigungu",
});

/** Every institution certified at least once in 2012–2015 that a source names: 59 (15 + 20 + 23 new in 2014, and
 * 대전광역시 대덕구, new in 2015). */
export const REGISTRY_INSTITUTIONS: RegistryInstitution[] = [
  // 광역
  sido("seoul-metro", SEOUL),
  sido("daejeon-metro", DAEJEON),
  sido("gyeonggi-province", GYEONGGI),
  sido("daegu-metro", DAEGU),
  // 서울특별시
  sigungu("seoul-jungnang", SEOUL, "중랑구"),
  sigungu("seoul-dongdaemun", SEOUL, "동대문구"),
  sigungu("seoul-songpa", SEOUL, "송파구"),
  sigungu("seoul-guro", SEOUL, "구로구"),
  sigungu("seoul-mapo", SEOUL, "마포구"),
  sigungu("seoul-gangdong", SEOUL, "강동구"),
  sigungu("seoul-geumcheon", SEOUL, "금천구"),
  sigungu("seoul-yongsan", SEOUL, "용산구"),
  sigungu("seoul-seocho", SEOUL, "서초구"),
  sigungu("seoul-gangbuk", SEOUL, "강북구"),
  sigungu("seoul-yangcheon", SEOUL, "양천구"),
  sigungu("seoul-seodaemun", SEOUL, "서대문구"),
  sigungu("seoul-gwangjin", SEOUL, "광진구"),
  sigungu("seoul-yeongdeungpo", SEOUL, "영등포구"),
  sigungu("seoul-gwanak", SEOUL, "관악구"),
  // 부산광역시
  sigungu("busan-gangseo", BUSAN, "강서구"),
  sigungu("busan-saha", BUSAN, "사하구"),
  sigungu("busan-busanjin", BUSAN, "부산진구"),
  sigungu("busan-geumjeong", BUSAN, "금정구"),
  sigungu("busan-sasang", BUSAN, "사상구"),
  // 대구·인천·광주·대전
  sigungu("daegu-suseong", DAEGU, "수성구"),
  sigungu("incheon-namdong", INCHEON, "남동구"),
  sigungu("gwangju-nam", GWANGJU, "남구"),
  sigungu("daejeon-seo", DAEJEON, "서구"),
  sigungu("daejeon-daedeok", DAEJEON, "대덕구"),
  // 경기도
  sigungu("gyeonggi-anyang", GYEONGGI, "안양시"),
  sigungu("gyeonggi-paju", GYEONGGI, "파주시"),
  sigungu("gyeonggi-suwon", GYEONGGI, "수원시"),
  sigungu("gyeonggi-ansan", GYEONGGI, "안산시"),
  sigungu("gyeonggi-uijeongbu", GYEONGGI, "의정부시"),
  sigungu("gyeonggi-icheon", GYEONGGI, "이천시"),
  sigungu("gyeonggi-uiwang", GYEONGGI, "의왕시"),
  sigungu("gyeonggi-siheung", GYEONGGI, "시흥시"),
  sigungu("gyeonggi-goyang", GYEONGGI, "고양시"),
  sigungu("gyeonggi-bucheon", GYEONGGI, "부천시"),
  sigungu("gyeonggi-namyangju", GYEONGGI, "남양주시"),
  sigungu("gyeonggi-hwaseong", GYEONGGI, "화성시"),
  sigungu("gyeonggi-gwangmyeong", GYEONGGI, "광명시"),
  sigungu("gyeonggi-yangpyeong", GYEONGGI, "양평군"),
  // 강원도
  sigungu("gangwon-pyeongchang", GANGWON, "평창군"),
  sigungu("gangwon-yeongwol", GANGWON, "영월군"),
  // 충청북도
  sigungu("chungbuk-boeun", CHUNGBUK, "보은군"),
  sigungu("chungbuk-chungju", CHUNGBUK, "충주시"),
  // 충청남도
  sigungu("chungnam-seosan", CHUNGNAM, "서산시"),
  sigungu("chungnam-gongju", CHUNGNAM, "공주시"),
  sigungu("chungnam-hongseong", CHUNGNAM, "홍성군"),
  sigungu("chungnam-boryeong", CHUNGNAM, "보령시"),
  sigungu("chungnam-dangjin", CHUNGNAM, "당진시"),
  sigungu("chungnam-yesan", CHUNGNAM, "예산군"),
  // 전라북도·전라남도
  sigungu("jeonbuk-namwon", JEONBUK, "남원시"),
  sigungu("jeonbuk-gochang", JEONBUK, "고창군"),
  sigungu("jeonnam-yeosu", JEONNAM, "여수시"),
  sigungu("jeonnam-gwangyang", JEONNAM, "광양시"),
  // 경상북도
  sigungu("gyeongbuk-gumi", GYEONGBUK, "구미시"),
  sigungu("gyeongbuk-yeongdeok", GYEONGBUK, "영덕군"),
];

/** Award dates by year. Only 2014's is documented; 2012 and 2013 are assumptions, labelled so in the note. */
export const AWARD_YEARS: AwardYear[] = [
  { year: 2012, awardDate: "2012-11-30", note: "수여일 미확인: 가정값 (2012년 11월 인증 결과 발표 기준)" },
  { year: 2013, awardDate: "2013-12-06", note: "수여일 미확인: 가정값" },
  { year: 2014, awardDate: "2014-12-08", note: "2014년 민원공무원의 날 행사에서 수여 (서대문구 2014년 보고서)" },
  {
    year: 2015,
    awardDate: "2015-11-26",
    note:
      "수여일 불확실: 가정값 (2015-11-26 대전시청 민원공무원의 날 예정 보도 m.ajunews.com/amp/20151116143659888; " +
      "12-03 보도자료 pro1.co.kr num=615348는 같은 날 대전 행사로 기술)",
  },
];

const initial = (year: number, names: string[]): RegistryCertification[] =>
  names.map((name) => ({ year, name, kind: "initial" }));
const renewal = (year: number, names: string[]): RegistryCertification[] =>
  names.map((name) => ({ year, name, kind: "renewal" }));

/**
 * One row per institution per year certified: 2012 (15), 2013 (20), 2014 (35 = 23 new + 12 re-certified), and the
 * three of the 36 certified in 2015 that a source names: 서울특별시 re-certified (응답소) and 대전 대덕구 new (발딱행정)
 * (m.ajunews.com/amp/20151116143659888), 충청남도 공주시 re-certified ("certified 2013 and re-certified 2015, valid to
 * 2018": domain-facts.md, news 2015). The other 33 are not named in public sources and are not invented here.
 */
export const REGISTRY_CERTIFICATIONS: RegistryCertification[] = [
  ...initial(2012, [
    "서울특별시 중랑구",
    "서울특별시 동대문구",
    "서울특별시 송파구",
    "서울특별시 구로구",
    "서울특별시 마포구",
    "서울특별시 강동구",
    "경기도 안양시",
    "경기도 파주시",
    "충청남도 서산시",
    "경상북도 구미시",
    "경상북도 영덕군",
    "충청북도 보은군",
    "부산광역시 강서구",
    "대구광역시 수성구",
    "광주광역시 남구",
  ]),
  ...initial(2013, [
    "서울특별시",
    "대전광역시",
    "경기도",
    "서울특별시 금천구",
    "서울특별시 용산구",
    "서울특별시 서초구",
    "서울특별시 강북구",
    "서울특별시 양천구",
    "부산광역시 사하구",
    "부산광역시 부산진구",
    "경기도 수원시",
    "경기도 안산시",
    "경기도 의정부시",
    "경기도 이천시",
    "경기도 의왕시",
    "경기도 시흥시",
    "강원도 평창군",
    "충청북도 충주시",
    "충청남도 공주시",
    "충청남도 홍성군",
  ]),
  ...initial(2014, [
    "대구광역시",
    "서울특별시 서대문구",
    "서울특별시 광진구",
    "서울특별시 영등포구",
    "서울특별시 관악구",
    "부산광역시 금정구",
    "부산광역시 사상구",
    "인천광역시 남동구",
    "대전광역시 서구",
    "경기도 고양시",
    "경기도 부천시",
    "경기도 남양주시",
    "경기도 화성시",
    "경기도 광명시",
    "경기도 양평군",
    "강원도 영월군",
    "충청남도 보령시",
    "충청남도 당진시",
    "충청남도 예산군",
    "전라북도 남원시",
    "전라북도 고창군",
    "전라남도 여수시",
    "전라남도 광양시",
  ]),
  ...renewal(2014, [
    "서울특별시 동대문구",
    "서울특별시 중랑구",
    "서울특별시 마포구",
    "서울특별시 구로구",
    "서울특별시 송파구",
    "서울특별시 강동구",
    "대구광역시 수성구",
    "광주광역시 남구",
    "경기도 안양시",
    "경기도 파주시",
    "충청북도 보은군",
    "충청남도 서산시",
  ]),
  ...initial(2015, ["대전광역시 대덕구"]),
  ...renewal(2015, ["서울특별시", "충청남도 공주시"]),
];
