/**
 * `og:locale` from a BCP 47 language. Open Graph writes locales as language_TERRITORY, and Facebook, the consumer that
 * reads the tag, only knows the locales of its own list (facebook.com/translations/FacebookLocales.xml): Arabic is
 * one locale, `ar_AR`, whatever the country; Spanish outside Spain is `es_LA`; Chinese is `zh_CN`, `zh_TW` or `zh_HK`.
 * A language Facebook lists gets its listed locale (the tag's own territory when listed, else the usual one); any
 * other gets language_TERRITORY from CLDR's likely subtags (`Intl.Locale#maximize`), which is still well-formed.
 */
const FACEBOOK_LOCALES = new Set(
  (
    'af_ZA ar_AR as_IN az_AZ be_BY bg_BG bn_IN br_FR bs_BA ca_ES cs_CZ cy_GB da_DK de_DE el_GR en_GB en_US eo_EO ' +
    'es_ES es_LA et_EE eu_ES fa_IR fi_FI fo_FO fr_CA fr_FR fy_NL ga_IE gl_ES gu_IN ha_NG he_IL hi_IN hr_HR hu_HU ' +
    'hy_AM id_ID is_IS it_IT ja_JP jv_ID ka_GE kk_KZ km_KH kn_IN ko_KR ku_TR lt_LT lv_LV mg_MG mk_MK ml_IN mn_MN ' +
    'mr_IN ms_MY mt_MT my_MM nb_NO ne_NP nl_BE nl_NL nn_NO or_IN pa_IN pl_PL ps_AF pt_BR pt_PT ro_RO ru_RU rw_RW ' +
    'si_LK sk_SK sl_SI so_SO sq_AL sr_RS sv_SE sw_KE ta_IN te_IN tg_TJ th_TH tl_PH tr_TR uk_UA ur_PK uz_UZ vi_VN ' +
    'zh_CN zh_HK zh_TW'
  ).split(' '),
);

/** The locale Facebook uses for a language when the tag's territory is not listed with it. */
const USUAL: Readonly<Record<string, string>> = {
  ar: 'ar_AR',
  en: 'en_US',
  es: 'es_LA',
  pt: 'pt_BR',
  fr: 'fr_FR',
  nl: 'nl_NL',
  no: 'nb_NO',
  zh: 'zh_CN',
};

export function ogLocale(language: string): string {
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(language);
  } catch {
    return language.replace(/-/g, '_');
  }
  const lang = locale.language;
  const region = locale.region;
  if (lang === 'zh') {
    if (region === 'HK' || region === 'MO') return 'zh_HK';
    return locale.maximize().script === 'Hant' ? 'zh_TW' : 'zh_CN';
  }
  if (lang === 'es' && region && region !== 'ES') return 'es_LA';
  if (region && FACEBOOK_LOCALES.has(`${lang}_${region}`)) return `${lang}_${region}`;
  if (USUAL[lang]) return USUAL[lang]!;
  const likely = `${lang}_${locale.maximize().region ?? ''}`;
  if (FACEBOOK_LOCALES.has(likely)) return likely;
  for (const known of FACEBOOK_LOCALES) if (known.startsWith(`${lang}_`)) return known;
  return region ? `${lang}_${region}` : likely.replace(/_$/, '');
}
