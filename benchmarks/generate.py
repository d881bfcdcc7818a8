#!/usr/bin/env python3
"""Write a synthetic, valid trilingual catalog site of a given size (see benchmarks/README.md).

    python benchmarks/generate.py N OUTDIR [--seed S]

N programs, N//5 partners (at least 1), N//2 news articles in ru/en/zh, three pages, site.yaml.
The same N and seed always give byte-identical files.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import struct
import sys
import zlib
from pathlib import Path
from typing import Any

import yaml



class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Writes multi-line text (Markdown) as `|` blocks, the way editors write it."""


def _represent_str(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _represent_str)

LANGS = ("ru", "en", "zh")
TODAY = dt.date(2026, 11, 24)  # the build date run.py passes with --today

# --- vocabularies ---------------------------------------------------------------------------

FIELDS: dict[str, dict[str, str]] = {
    "technological-entrepreneurship": {"ru": "Технологическое предпринимательство",
                                       "en": "Technological Entrepreneurship", "zh": "技术创业"},
    "mechanical-engineering": {"ru": "Машиностроение", "en": "Mechanical Engineering", "zh": "机械工程"},
    "computer-science": {"ru": "Информатика", "en": "Computer Science", "zh": "计算机科学"},
    "energy-engineering": {"ru": "Энергетика", "en": "Energy Engineering", "zh": "能源工程"},
    "materials-science": {"ru": "Материаловедение", "en": "Materials Science", "zh": "材料科学"},
    "economics-management": {"ru": "Экономика и менеджмент", "en": "Economics and Management",
                             "zh": "经济与管理"},
    "civil-engineering": {"ru": "Строительство", "en": "Civil Engineering", "zh": "土木工程"},
    "biotechnology": {"ru": "Биотехнологии", "en": "Biotechnology", "zh": "生物技术"},
    "russian-language": {"ru": "Русский язык как иностранный", "en": "Russian as a Foreign Language",
                         "zh": "对外俄语"},
    "industrial-automation": {"ru": "Промышленная автоматизация", "en": "Industrial Automation",
                              "zh": "工业自动化"},
}

TYPES: dict[str, dict[str, str]] = {
    "internship": {"ru": "Стажировка", "en": "Internship", "zh": "实习"},
    "professional-development": {"ru": "Программа повышения квалификации",
                                 "en": "Professional development program", "zh": "进修项目"},
    "summer-school": {"ru": "Летняя школа", "en": "Summer school", "zh": "暑期学校"},
    "exchange": {"ru": "Программа обмена", "en": "Exchange program", "zh": "交流项目"},
    "joint-program": {"ru": "Совместная программа", "en": "Joint program", "zh": "联合项目"},
}
TYPE_SLUG = {"internship": "internship", "professional-development": "pd", "summer-school": "summer",
             "exchange": "exchange", "joint-program": "joint"}

QUALIFIERS = [
    {"ru": "продвинутый уровень", "en": "Advanced", "zh": "高级"},
    {"ru": "вводный курс", "en": "Introductory", "zh": "入门"},
    {"ru": "исследовательский трек", "en": "Research-track", "zh": "研究方向"},
    {"ru": "для инженеров", "en": "Engineering", "zh": "工程师"},
    {"ru": "интенсив", "en": "Intensive", "zh": "强化"},
    {"ru": "практический курс", "en": "Applied", "zh": "应用"},
]

AUDIENCES = ["students", "graduates", "researchers", "faculty", "company-employees"]

# (country, city) — country codes are ISO 3166-1 alpha-2.
CITIES: list[tuple[str, dict[str, str]]] = [
    ("RU", {"ru": "Санкт-Петербург", "en": "Saint Petersburg", "zh": "圣彼得堡"}),
    ("RU", {"ru": "Москва", "en": "Moscow", "zh": "莫斯科"}),
    ("RU", {"ru": "Казань", "en": "Kazan", "zh": "喀山"}),
    ("RU", {"ru": "Новосибирск", "en": "Novosibirsk", "zh": "新西伯利亚"}),
    ("CN", {"ru": "Шанхай", "en": "Shanghai", "zh": "上海"}),
    ("CN", {"ru": "Харбин", "en": "Harbin", "zh": "哈尔滨"}),
    ("CN", {"ru": "Циндао", "en": "Qingdao", "zh": "青岛"}),
    ("CN", {"ru": "Пекин", "en": "Beijing", "zh": "北京"}),
    ("CN", {"ru": "Нанкин", "en": "Nanjing", "zh": "南京"}),
    ("CN", {"ru": "Шэньчжэнь", "en": "Shenzhen", "zh": "深圳"}),
    ("DE", {"ru": "Берлин", "en": "Berlin", "zh": "柏林"}),
    ("DE", {"ru": "Мюнхен", "en": "Munich", "zh": "慕尼黑"}),
    ("KZ", {"ru": "Алматы", "en": "Almaty", "zh": "阿拉木图"}),
    ("FR", {"ru": "Гренобль", "en": "Grenoble", "zh": "格勒诺布尔"}),
]

PARTNER_NAMES = [
    {"ru": "Аврора", "en": "Aurora", "zh": "奥罗拉"},
    {"ru": "Зенит", "en": "Zenith", "zh": "天顶"},
    {"ru": "Полярис", "en": "Polaris", "zh": "北极星"},
    {"ru": "Меридиан", "en": "Meridian", "zh": "子午线"},
    {"ru": "Восток", "en": "Vostok", "zh": "东方"},
    {"ru": "Янцзы", "en": "Yangtze", "zh": "长江"},
    {"ru": "Нева", "en": "Neva", "zh": "涅瓦"},
    {"ru": "Гранит", "en": "Granite", "zh": "花岗岩"},
    {"ru": "Сапфир", "en": "Sapphire", "zh": "蓝宝石"},
    {"ru": "Шёлковый путь", "en": "Silk Road", "zh": "丝绸之路"},
    {"ru": "Горизонт", "en": "Horizon", "zh": "地平线"},
    {"ru": "Феникс", "en": "Phoenix", "zh": "凤凰"},
]
PARTNER_SLUG_WORDS = ["aurora", "zenith", "polaris", "meridian", "vostok", "yangtze", "neva",
                      "granite", "sapphire", "silk-road", "horizon", "phoenix"]

KINDS: dict[str, dict[str, str]] = {
    "university": {"ru": "Университет «{n}» ({c})", "en": "{n} University of {c}", "zh": "{c}{n}大学"},
    "institute": {"ru": "Технологический институт «{n}» ({c})", "en": "{n} Institute of Technology, {c}",
                  "zh": "{c}{n}理工学院"},
    "company": {"ru": "Компания «{n}» ({c})", "en": "{n} Industries, {c}", "zh": "{c}{n}工业集团"},
    "education-group": {"ru": "Образовательная группа «{n}» ({c})", "en": "{n} Education Group, {c}",
                        "zh": "{c}{n}教育集团"},
    "government": {"ru": "Комитет по образованию «{n}» ({c})", "en": "{n} Education Commission, {c}",
                   "zh": "{c}{n}教育委员会"},
    "other": {"ru": "Фонд «{n}» ({c})", "en": "{n} Foundation, {c}", "zh": "{c}{n}基金会"},
}

SENTENCES: dict[str, list[str]] = {
    "ru": [
        "Программа сочетает лекции ведущих преподавателей и практику на предприятиях-партнёрах.",
        "Участники работают в международных командах над реальными инженерными задачами.",
        "Занятия проходят в лабораториях университета и в технопарке.",
        "По итогам стажировки слушатели защищают проект перед экспертной комиссией.",
        "Особое внимание уделяется цифровым технологиям и устойчивому развитию.",
        "Кураторы помогают с оформлением визы, проживанием и культурной программой.",
        "Программа поддержана стратегической программой «Приоритет-2030».",
        "Слушатели получают доступ к электронной библиотеке и научному оборудованию.",
        "Для иностранных участников предусмотрен курс русского языка.",
        "Выпускники программы продолжают сотрудничество в совместных исследованиях.",
        "Расписание составлено с учётом часовых поясов участников из Китая.",
        "Экскурсии по Санкт-Петербургу входят в культурную программу.",
    ],
    "en": [
        "The program combines lectures by leading faculty with practice at partner companies.",
        "Participants work in international teams on real engineering problems.",
        "Classes take place in the university's laboratories and its technology park.",
        "At the end of the internship participants defend a project before an expert panel.",
        "Particular attention is paid to digital technologies and sustainable development.",
        "Coordinators help with visas, accommodation and the cultural programme.",
        "The program is supported by the Priority 2030 strategic academic leadership programme.",
        "Participants get access to the electronic library and research equipment.",
        "A Russian language course is offered to international participants.",
        "Graduates of the program continue to cooperate in joint research.",
        "The timetable takes into account the time zones of participants from China.",
        "Guided tours of Saint Petersburg are part of the cultural programme.",
    ],
    "zh": [
        "项目将知名教师的讲座与合作企业的实践相结合。",
        "学员在国际团队中解决真实的工程问题。",
        "课程在大学实验室和科技园进行。",
        "实习结束时，学员须向专家委员会进行项目答辩。",
        "项目特别关注数字技术与可持续发展。",
        "项目协调员协助办理签证、住宿并安排文化活动。",
        "本项目得到\u201c优先2030\u201d计划的支持。",
        "学员可使用电子图书馆和科研设备。",
        "为国际学员开设俄语课程。",
        "项目毕业生继续参与联合研究合作。",
        "课程安排考虑了中国学员的时区。",
        "文化活动包括圣彼得堡城市参观。",
    ],
}

MODULES: dict[str, list[str]] = {
    "ru": ["Введение в специальность", "Цифровое моделирование", "Проектная работа", "Управление проектами",
           "Лабораторный практикум", "Экономика инноваций", "Защита проекта", "Промышленная практика"],
    "en": ["Introduction to the field", "Digital modelling", "Project work", "Project management",
           "Laboratory practice", "Economics of innovation", "Project defence", "Industrial placement"],
    "zh": ["专业导论", "数字建模", "项目实践", "项目管理", "实验室实践", "创新经济学", "项目答辩", "企业实习"],
}

LABELS: dict[str, dict[str, str]] = {
    "about": {"ru": "О программе", "en": "About the program", "zh": "项目简介"},
    "youget": {"ru": "Что вы получите", "en": "What you get", "zh": "您将获得"},
    "curriculum": {"ru": "Учебный план", "en": "Curriculum", "zh": "课程安排"},
    "module": {"ru": "Модуль", "en": "Module", "zh": "模块"},
    "hours": {"ru": "Часы", "en": "Hours", "zh": "学时"},
    "form": {"ru": "форму заявки", "en": "application form", "zh": "申请表"},
}

BENEFITS: dict[str, list[str]] = {
    "ru": ["удостоверение о повышении квалификации", "консультации наставников", "доступ к лабораториям",
           "участие в конференции", "сертификат на английском языке", "рекомендательное письмо"],
    "en": ["a certificate of professional development", "mentoring sessions", "access to the laboratories",
           "participation in a conference", "a certificate in English", "a letter of recommendation"],
    "zh": ["进修结业证书", "导师辅导", "实验室使用权", "参加学术会议", "英文证书", "推荐信"],
}

ELIGIBILITY: dict[str, list[str]] = {
    "ru": ["Бакалавры и магистранты технических направлений", "Знание английского языка не ниже B1",
           "Сотрудники промышленных компаний со стажем от двух лет", "Научные сотрудники и преподаватели",
           "Мотивационное письмо на русском или английском языке"],
    "en": ["Bachelor's and master's students in engineering", "English at B1 level or higher",
           "Employees of industrial companies with two years of experience", "Researchers and faculty",
           "A motivation letter in Russian or English"],
    "zh": ["工科本科生和硕士研究生", "英语水平B1及以上", "具有两年以上工作经验的工业企业员工", "科研人员和教师",
           "俄语或英语动机信"],
}

STEPS: dict[str, list[str]] = {
    "ru": ["Заполните {form} на сайте.", "Приложите паспорт, диплом и мотивационное письмо.",
           "Пройдите онлайн-собеседование.", "Получите приглашение для оформления визы (30–45 дней)."],
    "en": ["Fill in the {form} online.", "Attach your passport, diploma and motivation letter.",
           "Take an online interview.", "Receive an invitation for your visa (30–45 days)."],
    "zh": ["在线填写{form}。", "上传护照、毕业证书和动机信。", "参加线上面试。", "获取签证邀请函（30–45天）。"],
}

FUNDING = [
    {"ru": "Возможна частичная стипендия по программе «Приоритет-2030».",
     "en": "Partial scholarships are available under Priority 2030.", "zh": "可申请\u201c优先2030\u201d计划部分奖学金。"},
    {"ru": "Проезд и проживание оплачивает направляющая сторона.",
     "en": "Travel and accommodation are paid by the sending institution.", "zh": "差旅和住宿费用由派出单位承担。"},
    {"ru": "Лучшим участникам предоставляется грант на исследование.",
     "en": "The best participants receive a research grant.", "zh": "优秀学员可获得科研资助。"},
]
CREDENTIALS = [
    {"ru": "Удостоверение о повышении квалификации установленного образца.",
     "en": "Certificate of professional development.", "zh": "进修结业证书。"},
    {"ru": "Сертификат СПбПУ и 3 зачётные единицы ECTS.", "en": "SPbPU certificate and 3 ECTS credits.",
     "zh": "圣彼得堡理工大学证书及3个ECTS学分。"},
    {"ru": "Сертификат об участии.", "en": "Certificate of participation.", "zh": "结业证明。"},
]
INCLUDES = [
    {"ru": "обучение и учебные материалы", "en": "tuition and course materials", "zh": "学费和教材"},
    {"ru": "обучение, проживание и культурная программа", "en": "tuition, accommodation and cultural programme",
     "zh": "学费、住宿和文化活动"},
    {"ru": "обучение и трансфер из аэропорта", "en": "tuition and airport transfer", "zh": "学费和机场接送"},
]
FEE_RANGES = {"CNY": (3000, 40000), "RUB": (30000, 450000), "EUR": (400, 6000), "USD": (400, 6500)}
INSTRUCTION_LANGS = [["en"], ["ru"], ["zh"], ["ru", "en"], ["ru", "zh"], ["en", "zh"], ["ru", "en", "zh"]]

NEWS_TOPICS = [
    ("agreement", {"ru": "Подписано соглашение с {p}", "en": "Agreement signed with {p}", "zh": "与{p}签署合作协议"}),
    ("delegation", {"ru": "Делегация {p} посетила СПбПУ", "en": "A delegation from {p} visited SPbPU",
                    "zh": "{p}代表团访问圣彼得堡理工大学"}),
    ("admission", {"ru": "Открыт набор: {g}", "en": "Applications open: {g}", "zh": "开始招生：{g}"}),
    ("graduation", {"ru": "Выпуск программы «{g}»", "en": "Graduation of “{g}”", "zh": "\u201c{g}\u201d学员结业"}),
    ("forum", {"ru": "Российско-китайский форум по образованию", "en": "Russian–Chinese education forum",
               "zh": "中俄教育论坛"}),
    ("office", {"ru": "Новости представительства в Шанхае", "en": "News from the Shanghai representative office",
                "zh": "上海代表处动态"}),
]

PAGES = {
    "about": {"ru": ("О Центре", "О нас"), "en": ("About the Center", "About"), "zh": ("关于中心", "关于我们")},
    "how-to-apply": {"ru": ("Как подать заявку", "Как поступить"), "en": ("How to apply", "Apply"),
                     "zh": ("如何申请", "申请")},
    "contacts": {"ru": ("Контакты", "Контакты"), "en": ("Contacts", "Contacts"), "zh": ("联系方式", "联系")},
}


# --- small helpers --------------------------------------------------------------------------

def dump_yaml(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


def write(path: Path, text: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")


def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A valid solid-colour PNG, so image handling in the generator sees a real file."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def svg_logo(label: str, hue: int) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60" viewBox="0 0 120 60">'
            f'<rect width="120" height="60" rx="8" fill="hsl({hue},60%,40%)"/>'
            f'<text x="60" y="38" font-size="20" text-anchor="middle" fill="#fff">{label}</text></svg>\n')


def sentences(rng: random.Random, lang: str, k: int) -> str:
    sep = "" if lang == "zh" else " "
    return sep.join(rng.sample(SENTENCES[lang], k))


def summary_text(rng: random.Random, lang: str) -> str:
    text = sentences(rng, lang, rng.randint(1, 2))
    return text if len(text) <= 300 else text[:299].rstrip() + "…"


def rand_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


# --- content builders ------------------------------------------------------------------------

def site_yaml() -> dict[str, Any]:
    return {
        "title": {"ru": "Центр международных стажировок СПбПУ",
                  "en": "SPbPU Center for International Internships",
                  "zh": "圣彼得堡彼得大帝理工大学国际实习中心"},
        "description": {"ru": "Стажировки, летние школы и программы повышения квалификации с партнёрами из Китая.",
                        "en": "Internships, summer schools and professional development programs with partners in China.",
                        "zh": "与中国合作伙伴共同开展的实习、暑期学校和进修项目。"},
        "base_url": "https://example.org/",
        "default_language": "ru",
        "languages": [
            {"code": "ru", "locale": "ru_RU", "hreflang": "ru", "name": "Русский", "fallback": ["en"]},
            {"code": "en", "locale": "en_GB", "hreflang": "en", "name": "English", "fallback": ["ru"]},
            {"code": "zh", "locale": "zh_Hans_CN", "hreflang": "zh-Hans", "name": "中文", "fallback": ["en", "ru"]},
        ],
        "timezone": "Europe/Moscow",
        "fields": FIELDS,
        "menu": ["programs", "partners", "news", "about"],
        "contact": {"email": "internships@example.org", "phone": "+7 812 000-00-00", "wechat": "spbpu_center"},
        "news_per_page": 10,
    }


def partner(rng: random.Random, i: int) -> tuple[str, dict[str, Any], bool]:
    """Return (slug, data, has_logo)."""
    word = i % len(PARTNER_NAMES)
    name = PARTNER_NAMES[word]
    country, city = rng.choice(CITIES)
    kind = rng.choice(list(KINDS))
    slug = f"{PARTNER_SLUG_WORDS[word]}-{kind}-{i + 1}"
    data: dict[str, Any] = {
        "name": {lang: KINDS[kind][lang].format(n=name[lang], c=city[lang]) for lang in LANGS},
    }
    if rng.random() < 0.5:
        data["short_name"] = {lang: f"{name[lang]}-{i + 1}" for lang in LANGS}
    data["kind"] = kind
    data["country"] = country
    if rng.random() < 0.9:
        data["city"] = dict(city)
    if rng.random() < 0.85:
        data["website"] = f"https://{PARTNER_SLUG_WORDS[word]}{i + 1}.example.edu/"
    has_logo = rng.random() < 0.5
    if has_logo:
        data["logo"] = f"{slug}.svg"
    if rng.random() < 0.8:
        data["description"] = {lang: sentences(rng, lang, 2) + "\n\n" + sentences(rng, lang, 2) for lang in LANGS}
    return slug, data, has_logo


def description_md(rng: random.Random, lang: str, hours: int) -> str:
    lab = {k: v[lang] for k, v in LABELS.items()}
    items = "\n".join(f"- {b}" for b in rng.sample(BENEFITS[lang], 3))
    modules = rng.sample(MODULES[lang], rng.randint(2, 4))
    rows = "\n".join(f"| {m} | {max(4, hours // len(modules))} |" for m in modules)
    return (f"## {lab['about']}\n\n{sentences(rng, lang, 3)}\n\n"
            f"### {lab['youget']}\n\n{items}\n\n"
            f"### {lab['curriculum']}\n\n| {lab['module']} | {lab['hours']} |\n|---|---|\n{rows}\n")


def sessions(rng: random.Random, days: int) -> list[dict[str, Any]]:
    out = []
    cursor = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randint(0, 300))
    for _ in range(rng.choices([0, 1, 2, 3], weights=[15, 45, 25, 15])[0]):
        start = cursor + dt.timedelta(days=rng.randint(0, 200))
        if start > dt.date(2027, 12, 31):
            break
        end = start + dt.timedelta(days=max(0, days - 1))
        deadline = start - dt.timedelta(days=rng.randint(7, 60))
        opens = deadline - dt.timedelta(days=rng.randint(14, 120))
        s: dict[str, Any] = {"start": start, "end": end}
        if rng.random() < 0.9:
            s["application_opens"] = opens
        if rng.random() < 0.95:
            s["application_deadline"] = deadline
        if rng.random() < 0.8:
            s["seats"] = rng.choice([10, 12, 15, 20, 25, 30, 40])
        out.append(s)
        cursor = end + dt.timedelta(days=30)
    return out


def program(rng: random.Random, i: int, partner_slugs: list[str]) -> tuple[str, dict[str, Any]]:
    ptype = rng.choice(list(TYPES))
    field = rng.choice(list(FIELDS))
    qual = rng.choice(QUALIFIERS)
    slug = f"{TYPE_SLUG[ptype]}-{field}-{i + 1}"
    unit, amount = rng.choice([("hours", rng.choice([16, 36, 72, 108, 144])), ("days", rng.randint(3, 14)),
                               ("weeks", rng.randint(2, 8)), ("months", rng.randint(1, 6))])
    days = {"hours": max(2, amount // 8), "days": amount, "weeks": amount * 7, "months": amount * 30}[unit]
    hours = amount if unit == "hours" else days * 6

    d: dict[str, Any] = {
        "title": {"ru": f"{TYPES[ptype]['ru']}: {FIELDS[field]['ru']} ({qual['ru']})",
                  "en": f"{qual['en']} {TYPES[ptype]['en'].lower()} in {FIELDS[field]['en']}",
                  "zh": f"{FIELDS[field]['zh']}{qual['zh']}{TYPES[ptype]['zh']}"},
        "summary": {lang: summary_text(rng, lang) for lang in LANGS},
    }
    langs = LANGS if rng.random() >= 0.2 else ("ru", "en")  # a fifth lack zh: exercises fallback
    d["description"] = {lang: description_md(rng, lang, hours) for lang in langs}
    d["type"] = ptype
    d["audience"] = sorted(rng.sample(AUDIENCES, rng.randint(1, 3)), key=AUDIENCES.index)
    d["field"] = field
    d["partners"] = rng.sample(partner_slugs, min(len(partner_slugs), rng.randint(1, 3)))
    mode = rng.choices(["onsite", "online", "blended"], weights=[55, 25, 20])[0]
    d["mode"] = mode
    if mode != "online":
        country, city = rng.choice(CITIES)
        d["location"] = {"city": dict(city), "country": country}
    d["languages"] = list(rng.choice(INSTRUCTION_LANGS))
    if rng.random() < 0.9:
        d["duration"] = {unit: amount}
    status = rng.choices([None, "in-preparation", "archived"], weights=[92, 5, 3])[0]
    runs = [] if status == "in-preparation" else sessions(rng, days)
    if runs:
        d["sessions"] = runs
    r = rng.random()
    if r < 0.3:
        d["fee"] = "free"
    elif r < 0.9:
        cur = rng.choice(list(FEE_RANGES))
        lo, hi = FEE_RANGES[cur]
        fee: dict[str, Any] = {"amount": rng.randrange(lo, hi, 100), "currency": cur}
        if rng.random() < 0.7:
            fee["includes"] = dict(rng.choice(INCLUDES))
        d["fee"] = fee
    if rng.random() < 0.5:
        d["funding"] = dict(rng.choice(FUNDING))
    if rng.random() < 0.7:
        d["credential"] = dict(rng.choice(CREDENTIALS))
    if rng.random() < 0.8:
        d["eligibility"] = {lang: "\n".join(f"- {e}" for e in rng.sample(ELIGIBILITY[lang], 3)) + "\n"
                            for lang in LANGS}
    if rng.random() < 0.8:
        url = f"https://apply.example.org/{slug}"
        d["how_to_apply"] = {
            lang: "\n".join(f"{n}. " + step.format(form="[" + LABELS["form"][lang] + "](" + url + ")")
                            for n, step in enumerate(STEPS[lang], 1)) + "\n"
            for lang in LANGS}
    if rng.random() < 0.85:
        d["apply_url"] = f"https://apply.example.org/{slug}"
    if rng.random() < 0.7:
        c: dict[str, str] = {"email": f"program{i + 1}@example.org"}
        if rng.random() < 0.5:
            c["phone"] = f"+7 812 {rng.randint(100, 999)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}"
        if rng.random() < 0.5:
            c["wechat"] = f"spbpu_prog{i + 1}"
        d["contact"] = c
    if status:
        d["status"] = status
    if rng.random() < 0.1:
        d["image"] = f"program-{rng.randint(1, 5)}.png"
        d["image_alt"] = {"ru": "Студенты в лаборатории", "en": "Students in a laboratory", "zh": "实验室里的学生"}
    d["updated"] = TODAY - dt.timedelta(days=rng.randint(0, 330))
    if rng.random() < 0.02:
        d["draft"] = True
    return slug, d


def news_files(rng: random.Random, i: int, programs: list[tuple[str, dict[str, Any]]],
               partners: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Return {file name: text} for the three translations of one article."""
    key, titles = rng.choice(NEWS_TOPICS)
    prog_slug, prog = rng.choice(programs)
    part_slug = rng.choice(prog["partners"])
    date = rand_date(rng, dt.date(2025, 1, 1), TODAY)
    slug = f"{key}-{i + 1}"
    front: dict[str, Any] = {"date": date}
    if key in ("admission", "graduation") or rng.random() < 0.3:
        front["programs"] = [prog_slug]
    if key in ("agreement", "delegation") or rng.random() < 0.3:
        front["partners"] = [part_slug]
    with_image = rng.random() < 0.1
    draft = rng.random() < 0.02
    bodies = {lang: sentences(rng, lang, 3) + "\n\n" + sentences(rng, lang, 2) for lang in LANGS}
    with_list = rng.random() < 0.3
    out = {}
    for lang in LANGS:
        fm: dict[str, Any] = {
            "title": titles[lang].format(p=partners[part_slug]["name"][lang], g=prog["title"][lang]),
            **front,
            "summary": SENTENCES[lang][i % len(SENTENCES[lang])],
        }
        if with_image:
            fm["image"] = f"program-{i % 5 + 1}.png"
            fm["image_alt"] = {"ru": "Участники встречи", "en": "Participants of the meeting", "zh": "会议参与者"}[lang]
        if draft:
            fm["draft"] = True
        body = bodies[lang]
        if with_list:
            body += "\n\n" + "\n".join(f"- {b}" for b in BENEFITS[lang][:3])
        out[f"{date.isoformat()}-{slug}.{lang}.md"] = f"---\n{dump_yaml(fm)}---\n\n{body}\n"
    return out


def page_text(rng: random.Random, slug: str, lang: str) -> str:
    title, menu_title = PAGES[slug][lang]
    fm = dump_yaml({"title": title, "menu_title": menu_title, "summary": SENTENCES[lang][0]})
    body = f"## {title}\n\n{sentences(rng, lang, 4)}\n\n" + "\n".join(
        f"{n}. {s.format(form=LABELS['form'][lang])}" for n, s in enumerate(STEPS[lang], 1))
    if slug == "contacts":
        body += "\n\n- E-mail: <internships@example.org>\n- WeChat: spbpu_center\n- +7 812 000-00-00"
    return f"---\n{fm}---\n\n{body}\n"


# --- entry ----------------------------------------------------------------------------------

def generate(n: int, out: Path, seed: int = 1) -> dict[str, int]:
    """Write the site into `out` (created; must not hold another site). Returns counts."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    write(out / "site.yaml", dump_yaml(site_yaml()))

    for k in range(1, 6):
        write(out / "content" / "media" / f"program-{k}.png", png(96, 64, (40 * k, 90, 200 - 30 * k)))

    partners: dict[str, dict[str, Any]] = {}
    for i in range(max(1, n // 5)):
        slug, data, has_logo = partner(rng, i)
        partners[slug] = data
        write(out / "partners" / f"{slug}.yaml", dump_yaml(data))
        if has_logo:
            write(out / "partners" / "logos" / f"{slug}.svg", svg_logo(PARTNER_NAMES[i % 12]["en"][:3], i * 37 % 360))
    partner_slugs = list(partners)

    programs = []
    for i in range(n):
        slug, data = program(rng, i, partner_slugs)
        programs.append((slug, data))
        write(out / "programs" / f"{slug}.yaml", dump_yaml(data))
    # News point at published programs only, so a draft program never leaves a dangling reference.
    published = [p for p in programs if not p[1].get("draft")] or programs

    news_dir = out / "content" / "news"
    news_dir.mkdir(parents=True, exist_ok=True)
    for i in range(n // 2):
        for name, text in news_files(rng, i, published, partners).items():
            (news_dir / name).write_text(text, encoding="utf-8")

    for slug in PAGES:
        for lang in LANGS:
            write(out / "content" / "pages" / f"{slug}.{lang}.md", page_text(rng, slug, lang))

    return {"programs": n, "partners": len(partners), "news": n // 2, "pages": len(PAGES)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int, help="number of programs")
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    if args.n < 1:
        ap.error("N must be at least 1")
    if args.outdir.exists() and any(args.outdir.iterdir()):
        ap.error(f"{args.outdir} exists and is not empty")
    counts = generate(args.n, args.outdir, args.seed)
    print(", ".join(f"{v} {k}" for k, v in counts.items()), "->", args.outdir, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
