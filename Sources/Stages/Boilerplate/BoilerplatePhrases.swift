/// The wording of boilerplate, as data: each rule's phrases, lowercased, in the languages
/// dumps come in. A phrase names a kind of line (a call to action, a disclaimer), never a site
/// or a person. Matching is by containment in the lowercased line, so keep phrases specific.
enum BoilerplatePhrases {
  /// Calls to action: subscribe, share, comment, follow, become a member, support us.
  static let callToAction = [
    "subscribe to", "sign up for", "newsletter", "become a member", "become a patron", "support independent",
    "support our journalism", "support us", "donate", "leave a comment", "join the discussion",
    "join the conversation", "comment on facebook", "on our facebook", "facebook page", "share this",
    "share on", "follow us on", "like us on",
    "get stories like this", "in your inbox", "click here", "suscríbete", "boletín", "hazte socio",
    "apoya el",
    "comparte este", "síguenos", "assine a", "seja membro", "apoie o", "compartilhe", "siga-nos",
    "abonnez-vous", "devenez membre", "soutenez", "partagez", "suivez-nous", "abonnieren", "mitglied werden",
    "unterstützen sie", "artikel teilen", "folgen sie", "iscriviti", "diventa socio", "sostieni", "condividi",
    "seguici", "zapisz się", "zostań członkiem", "wesprzyj", "udostępnij", "obserwuj nas", "подпишитесь",
    "поделитесь", "поделиться", "поддержите", "станьте участником", "станьте членом", "abone ol", "üye olun",
    "destekleyin",
    "paylaşın", "bizi takip", "εγγραφείτε", "γίνετε μέλος", "στηρίξτε", "μοιραστείτε", "přihlaste se",
    "staňte se členem", "podpořte", "sdílejte", "abonner på", "bli medlem", "støtt", "del denne",
    "اشترك", "ادعم", "شارك هذا", "كن عضوا", "كن عضواً", "عضو شوید", "حمایت کنید", "مشترک شوید",
    "به اشتراک بگذارید",
    "đăng ký", "trở thành thành viên", "ủng hộ", "chia sẻ bài",
  ]

  /// Copyright lines.
  static let copyright = [
    "all rights reserved", "todos los derechos reservados", "todos os direitos reservados",
    "tous droits réservés", "alle rechte vorbehalten", "tutti i diritti riservati",
    "wszelkie prawa zastrzeżone", "все права защищены", "tüm hakları saklıdır",
    "με επιφύλαξη παντός δικαιώματος", "všechna práva vyhrazena", "alle rettigheter reservert",
    "جميع الحقوق محفوظة", "تمامی حقوق", "bảo lưu mọi quyền", "mọi quyền được bảo lưu",
  ]

  /// Disclaimers, fair-use and republishing notices.
  static let notice = [
    "disclaimer", "views expressed", "original source of this", "the original source", "opinions expressed",
    "do not necessarily reflect",
    "does not necessarily reflect", "not necessarily of", "not necessarily those", "first published",
    "originally published", "republication", "republish", "reprinted with", "reprint rights", "may be cited",
    "commercial reproduction", "fair use", "copyrighted material", "not always been specifically authorized",
    "without permission", "written permission", "media inquiries",
    "press inquiries", "media contact", "press contact", "opiniones expresadas", "no reflejan necesariamente",
    "publicado originalmente", "opiniões expressas", "não refletem necessariamente", "opinions exprimées",
    "n'engagent que", "ne reflètent pas nécessairement", "publié initialement", "meinung des autors",
    "spiegeln nicht unbedingt", "zuerst erschienen", "opinioni espresse", "non riflettono necessariamente",
    "poglądy wyrażone", "nie muszą odzwierciedlać", "мнение редакции", "не совпадать с мнением",
    "впервые опубликовано", "görüşler yazara", "yansıtmayabilir", "οι απόψεις", "názory vyjádřené",
    "synspunktene", "الآراء الواردة", "لا تعكس بالضرورة", "دیدگاه‌های", "نظرات نویسنده",
    "quan điểm trong bài", "aviso:", "zastrzeżenie:", "hinweis:", "avertissement :", "avertissement:",
    "upozornění:", "ansvarsfraskrivelse",
  ]

  /// Headers of "related articles" blocks; the short lines under them go too.
  static let relatedHeader = [
    "related articles", "related stories", "related posts", "related content", "related reading",
    "read more", "read also", "more from", "you may also like", "recommended", "artículos relacionados",
    "lee también", "leia também", "artigos relacionados", "articles liés", "à lire aussi", "lire aussi",
    "verwandte artikel", "mehr zum thema", "lesen sie auch", "articoli correlati", "leggi anche",
    "powiązane artykuły", "czytaj także", "читайте также", "похожие статьи", "ilgili haberler",
    "ilgili yazılar", "σχετικά άρθρα", "související články", "relaterte artikler", "les også",
    "مقالات ذات صلة", "اقرأ أيضا", "مطالب مرتبط", "bài viết liên quan", "đọc thêm",
  ]

  /// Labels of taxonomy lines (`Tags: a, b`), site chrome wherever they stand.
  static let taxonomyLabels: Set<String> = [
    "region", "theme", "themes", "tags", "tag", "topics", "topic", "section", "category", "categories",
    "filed under", "keywords", "sección", "seção", "rubrique", "rubrik", "sezione", "dział", "раздел",
    "рубрика",
    "теги", "метки", "bölüm", "etiketler", "ενότητα", "rubrika", "seksjon", "القسم", "بخش", "chuyên mục",
    "etiquetas", "schlagwörter", "tematy", "kategori", "ressort", "thema", "themen", "argomenti", "temas",
  ]

  /// Labels of caption and credit lines.
  static let captionLabels: Set<String> = [
    "photo", "photos", "image", "image credit", "credit", "credits", "picture", "screenshot", "illustration",
    "photograph", "graphic", "video", "foto", "fotos", "imagen", "imagem", "immagine", "bild", "zdjęcie",
    "фото", "изображение", "fotoğraf", "görsel", "φωτογραφία", "εικόνα", "obrázek", "bilde", "صورة", "عکس",
    "تصویر", "ảnh", "hình", "crédit", "crédito", "fonte foto",
  ]

  /// How a caption without a label opens: it names what the picture shows (`A view of the
  /// harbour`, `Aerial view of Gdańsk`), a genre of line that subheadings do not share.
  static let captionOpeners = [
    "a view of", "a general view of", "general view of", "an aerial view of", "aerial view of",
    "a close-up of", "a photo of", "a picture of", "a file photo of", "file photo of", "pictured:",
    "vue de ", "vue générale de", "vue aérienne de", "blick auf", "ansicht von", "luftaufnahme von",
    "vista de ", "vista general de", "vista aérea de", "veduta di", "vista di ", "widok na", "вид на ",
    "άποψη του", "άποψη της", "منظر عام", "صورة جوية",
  ]

  /// Labels of contact lines (`Media inquiries: press@site.example`).
  static let contactLabels = [
    "contact", "inquiries", "enquiries", "e-mail", "email", "phone", "tel", "kontakt", "contacto", "contato",
    "contatto", "контакт", "iletişim", "επικοινωνία", "kontakt", "اتصل", "تماس", "liên hệ",
  ]

  /// Labels of source lines, whose value goes to the metadata.
  static let sourceLabels: Set<String> = [
    "source url", "source", "original source", "original article", "originally at", "fuente", "fonte",
    "source originale", "quelle", "źródło", "источник", "kaynak", "πηγή", "zdroj", "kilde", "المصدر", "منبع",
    "nguồn",
  ]

  /// Labels of lines that name the author: `Articles by: Jane Doe`.
  static let authorLabels: Set<String> = [
    "articles by", "more by", "more articles by", "author", "authors", "written by", "autor", "autores",
    "auteur", "verfasser", "autore", "автор", "yazar", "συγγραφέας", "forfatter", "الكاتب", "نویسنده",
    "tác giả",
  ]

  /// Weekday names, which datelines put before a date.
  static let weekdays: Set<String> = [
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues",
    "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "lunes", "martes", "miércoles", "jueves", "viernes",
    "sábado", "domingo", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "montag",
    "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
  ]

  /// Words that introduce a byline.
  static let bylineWords: Set<String> = [
    "by", "por", "par", "von", "di", "da", "av", "od", "autor", "author", "автор", "от", "yazar", "από",
    "bởi", "بقلم", "نویسنده", "skrevet av",
  ]

  /// Words that introduce a publication date.
  static let publishedWords = [
    "published", "posted", "updated", "publicado", "publicada", "publié", "publiée", "veröffentlicht",
    "pubblicato", "opublikowano", "опубликовано", "yayınlandı", "yayınlanma", "δημοσιεύθηκε", "publikováno",
    "publisert", "نشر", "منتشر شده", "đăng ngày",
  ]

  /// Words of page furniture: "Page 12", "Seite 12", "Страница 12".
  static let pageWords: Set<String> = [
    "page", "p.", "pagina", "página", "seite", "strona", "страница", "стр.", "sayfa", "σελίδα", "strana",
    "side", "صفحة", "صفحه", "trang",
  ]

  /// Month names, for date lines.
  static let months: Set<String> = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
    "octubre", "noviembre", "diciembre", "janeiro", "fevereiro", "março", "maio", "junho", "julho",
    "setembro", "outubro", "novembro", "dezembro", "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre", "januar", "februar", "märz", "juni",
    "juli", "oktober", "dezember", "gennaio", "febbraio", "aprile", "maggio", "giugno", "luglio", "settembre",
    "ottobre", "dicembre", "stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia",
    "września", "października", "listopada", "grudnia", "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря", "ocak", "şubat", "mart", "nisan", "mayıs",
    "haziran", "temmuz", "ağustos", "eylül", "ekim", "kasım", "aralık",
  ]

  /// Social networks, whose names in a row make a share bar.
  static let networks = [
    "facebook", "twitter", "email", "e-mail", "whatsapp", "linkedin", "telegram", "reddit", "correo",
    "pinterest", "mastodon", "bluesky", "threads", "instagram", "youtube", "print", "вконтакте", "vk",
    "одноклассники", "weibo", "wechat", "xing", "tumblr", "flipboard",
  ]
}
