// A scheme (민원서비스 우수기관 인증 2012–2015, 민원서비스 종합평가, 국민행복민원실 인증) as data and its rules.
export * from "./types";
export * from "./catalog";
export * from "./rules";
export * from "./grading";
export * from "./publication";
export * from "./validity";
export * from "./peer-scores";
export * from "./national";
