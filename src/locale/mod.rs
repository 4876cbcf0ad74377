//! Arabic UI strings, dates and numerals.

use crate::content::{ContentError, Digits, LocaleSettings, ShareProvider};

/// Every fixed UI string, in one place.
pub mod text {
    pub const SKIP_LINK: &str = "انتقل إلى المحتوى";
    pub const HOME: &str = "الرئيسية";
    pub const LOADING: &str = "جارٍ التحميل…";
    pub const LOAD_FAILED: &str = "تعذّر تحميل المحتوى";
    pub const RETRY: &str = "أعد المحاولة";
    pub const DEV_DETAILS: &str = "تفاصيل للمطوّرين";
    pub const CATEGORY: &str = "التصنيف:";
    pub const SEE_ALSO: &str = "شاهد أيضاً:";
    pub const PUBLISHED: &str = "نُشر في";
    pub const UPDATED: &str = "حُدّث في";
    /// Before the minutes an article takes to read ([`super::minutes`]).
    pub const READING_TIME: &str = "مدة القراءة:";
    pub const BY: &str = "بقلم";
    pub const SECTIONS_NAV: &str = "أقسام الموقع";
    pub const NOT_FOUND_TITLE: &str = "الصفحة غير موجودة";
    pub const NOT_FOUND_BODY: &str =
        "لم نعثر على الصفحة التي تبحث عنها. ربما نُقلت أو حُذفت، أو أن الرابط غير صحيح.";
    pub const BACK_HOME: &str = "العودة إلى الصفحة الرئيسية";
    pub const LATEST: &str = "آخر الأخبار";
    /// The title of a page's RSS feed link (`<link rel="alternate">`).
    pub const RSS_TITLE: &str = "خلاصة الأخبار (RSS)";
    /// Before a section's name: the related-news section's link to the article's section.
    pub const MORE_IN_SECTION: &str = "المزيد في قسم";
    /// Followed by a section's name: "آخر أخبار رياضة", a section feed's description.
    pub const LATEST_IN: &str = "آخر أخبار";
    pub const MORE: &str = "المزيد";
    pub const FEED_END: &str = "وصلت إلى نهاية الأخبار في هذا القسم.";
    pub const CREDIT: &str = "المصدر:";
    pub const SITE_FALLBACK_NAME: &str = "خبر";
    pub const RELATED: &str = "أخبار ذات صلة";
    pub const SHARE: &str = "شارك الخبر:";
    pub const ARTICLE_LINK: &str = "رابط الخبر";
    pub const LINK_COPIED: &str = "تم نسخ الرابط";
    pub const COPY_FAILED: &str = "تعذّر النسخ التلقائي: انسخ الرابط من الحقل.";
}

/// The sentence a reader sees when content cannot be shown, in Arabic (the console gets the
/// error's own precise message).
pub fn error_message(error: &ContentError) -> &'static str {
    match error {
        ContentError::Network { .. } => "تعذّر الاتصال بالخادم. تحقّق من اتصالك بالإنترنت ثم أعد المحاولة.",
        ContentError::Timeout { .. } => "استغرق التحميل وقتاً أطول من المعتاد. أعد المحاولة بعد قليل.",
        ContentError::Status {
            status: 404 | 410, ..
        } => "لم نعثر على هذا المحتوى، فربما نُقل أو حُذف.",
        ContentError::Status { .. } => "حدث خطأ في الخادم أثناء تحميل المحتوى. أعد المحاولة بعد قليل.",
        ContentError::TooLarge { .. } => "هذا المحتوى أكبر من أن تعرضه الصفحة.",
        ContentError::NotJson { .. } => "وصلنا محتوى تالف لا يمكن قراءته.",
        ContentError::Shape { .. } => "وصلنا محتوى بصيغة غير متوقعة فتعذّر عرضه.",
        ContentError::Invalid { .. } => "وصلنا محتوى غير صالح للعرض.",
        ContentError::Aborted { .. } => "أُلغي التحميل.",
    }
}

/// The Arabic accessible name of a share control.
pub fn share_label(provider: ShareProvider) -> &'static str {
    match provider {
        ShareProvider::Native => "شارك عبر تطبيقات جهازك",
        ShareProvider::Whatsapp => "شارك عبر واتساب",
        ShareProvider::Telegram => "شارك عبر تيليجرام",
        ShareProvider::Facebook => "شارك عبر فيسبوك",
        ShareProvider::X => "شارك عبر إكس (تويتر)",
        ShareProvider::Linkedin => "شارك عبر لينكدإن",
        ShareProvider::Email => "شارك عبر البريد الإلكتروني",
        ShareProvider::CopyLink => "انسخ رابط الخبر",
        ShareProvider::Unknown => "",
    }
}

/// The BCP 47 tag handed to `Intl` for the site's digit style and calendar.
pub fn intl_locale(settings: &LocaleSettings) -> String {
    // The format's calendar keys are the identifiers Intl takes.
    let calendar = settings.calendar.key();
    format!("ar-u-ca-{calendar}-nu-{}", digits_tag(settings.digits))
}

fn digits_tag(d: Digits) -> &'static str {
    match d {
        Digits::Western => "latn",
        Digits::ArabicIndic => "arab",
    }
}

/// Writes the ASCII digits of `s` in the given style.
pub fn digits(s: &str, style: Digits) -> String {
    match style {
        Digits::Western => s.to_string(),
        Digits::ArabicIndic => s
            .chars()
            .map(|c| match c.to_digit(10) {
                Some(d) if c.is_ascii_digit() => char::from_u32(0x0660 + d).unwrap_or(c),
                _ => c,
            })
            .collect(),
    }
}

/// A number of minutes in Arabic, with the noun's form the number takes (CLDR's Arabic plural
/// rules): "دقيقة واحدة", "دقيقتان", "3 دقائق" to "10 دقائق" (and 103–110 …), "11 دقيقة" and on
/// (and 100–102 …). Digits in the given style.
pub fn minutes(n: u32, style: Digits) -> String {
    match n {
        1 => "دقيقة واحدة".to_string(),
        2 => "دقيقتان".to_string(),
        n if (3..=10).contains(&(n % 100)) => digits(&format!("{n} دقائق"), style),
        n => digits(&format!("{n} دقيقة"), style),
    }
}

const MONTHS: [&str; 12] = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
];

/// The calendar date of an RFC 3339 string as written in it ("2 نوفمبر 2026"), without the
/// browser: what the page shows before `Intl` formats the date in the reader's time zone.
pub fn plain_date(rfc3339: &str, style: Digits) -> String {
    let part = |r: std::ops::Range<usize>| rfc3339.get(r).and_then(|p| p.parse::<usize>().ok());
    match (part(0..4), part(5..7), part(8..10)) {
        (Some(y), Some(m @ 1..=12), Some(d)) => digits(&format!("{d} {} {y}", MONTHS[m - 1]), style),
        _ => rfc3339.to_string(),
    }
}

/// Date and time in Arabic through the browser's `Intl` ("2 نوفمبر 2026 في 9:30 ص"), in the
/// reader's time zone; `None` where `Intl` is not available or the date does not parse.
#[cfg(target_arch = "wasm32")]
pub fn intl_datetime(rfc3339: &str, settings: &LocaleSettings) -> Option<String> {
    use wasm_bindgen::JsValue;
    let date = js_sys::Date::new(&JsValue::from_str(rfc3339));
    if date.get_time().is_nan() {
        return None;
    }
    let locales = js_sys::Array::of1(&JsValue::from_str(&intl_locale(settings)));
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"dateStyle".into(), &"long".into()).ok()?;
    js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into()).ok()?;
    let format = js_sys::Intl::DateTimeFormat::new(&locales, &options).format();
    format.call1(&JsValue::NULL, &date).ok()?.as_string()
}

/// Native builds have no `Intl`: the plain date stands.
#[cfg(not(target_arch = "wasm32"))]
pub fn intl_datetime(_rfc3339: &str, _settings: &LocaleSettings) -> Option<String> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Calendar;

    #[test]
    fn error_messages_are_arabic_and_tell_kinds_apart() {
        let shape = ContentError::Shape {
            url: "/content/articles/a.json".into(),
            path: "body[3].runs[1]".into(),
            detail: "missing field `text`".into(),
        };
        assert!(error_message(&shape).contains("صيغة"));
        let s = |status| ContentError::Status {
            url: "u".into(),
            status,
        };
        assert_ne!(error_message(&s(404)), error_message(&s(500)));
        assert_eq!(error_message(&s(404)), error_message(&s(410)));
    }

    #[test]
    fn locale_tag_carries_calendar_and_digits() {
        assert_eq!(intl_locale(&LocaleSettings::default()), "ar-u-ca-gregory-nu-latn");
        let s = LocaleSettings {
            digits: Digits::ArabicIndic,
            calendar: Calendar::IslamicUmalqura,
        };
        assert_eq!(intl_locale(&s), "ar-u-ca-islamic-umalqura-nu-arab");
    }

    #[test]
    fn arabic_indic_digits() {
        assert_eq!(digits("2026-11 95%", Digits::ArabicIndic), "٢٠٢٦-١١ ٩٥%");
        assert_eq!(digits("2026", Digits::Western), "2026");
    }

    #[test]
    fn minutes_take_the_form_their_number_needs() {
        let w = |n| minutes(n, Digits::Western);
        assert_eq!(w(1), "دقيقة واحدة");
        assert_eq!(w(2), "دقيقتان");
        assert_eq!(w(3), "3 دقائق");
        assert_eq!(w(10), "10 دقائق");
        assert_eq!(w(11), "11 دقيقة");
        assert_eq!(w(99), "99 دقيقة");
        assert_eq!(w(100), "100 دقيقة");
        assert_eq!(w(102), "102 دقيقة");
        assert_eq!(w(103), "103 دقائق");
        assert_eq!(w(111), "111 دقيقة");
        assert_eq!(minutes(11, Digits::ArabicIndic), "١١ دقيقة");
        assert_eq!(minutes(2, Digits::ArabicIndic), "دقيقتان");
    }

    #[test]
    fn plain_date_reads_the_written_day() {
        assert_eq!(
            plain_date("2026-11-02T23:30:00-05:00", Digits::Western),
            "2 نوفمبر 2026"
        );
        assert_eq!(
            plain_date("2026-01-15T08:00:00+03:00", Digits::ArabicIndic),
            "١٥ يناير ٢٠٢٦"
        );
        assert_eq!(plain_date("garbage", Digits::Western), "garbage");
    }
}
