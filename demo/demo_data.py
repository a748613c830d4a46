"""Demo data for IMAG Portal (read by the seed command).

Realistic but illustrative: names, Arabic and Sorani wording must be checked before any real
deployment. Arabic follows Iraqi government usage; Sorani (Central Kurdish) is in Arabic script
and should be reviewed by a native speaker. Dates are ISO strings; the demo "today" is late
November 2026.
"""

# ---------------------------------------------------------------------------------------------
# Ministries and bodies (codes, English and Arabic names as in DOMAIN.md)
# ---------------------------------------------------------------------------------------------
MINISTRIES = [
    {
        "code": "MoMD",
        "kind": "federal",
        "name_en": "Ministry of Migration and Displacement",
        "name_ar": "وزارة الهجرة والمهجرين",
        "name_ckb": "وەزارەتی کۆچ و کۆچبەران",
    },
    {
        "code": "MoI",
        "kind": "federal",
        "name_en": "Ministry of Interior",
        "name_ar": "وزارة الداخلية",
        "name_ckb": "وەزارەتی ناوخۆ",
    },
    {
        "code": "MoFA",
        "kind": "federal",
        "name_en": "Ministry of Foreign Affairs",
        "name_ar": "وزارة الخارجية",
        "name_ckb": "وەزارەتی دەرەوە",
    },
    {
        "code": "MoLSA",
        "kind": "federal",
        "name_en": "Ministry of Labour and Social Affairs",
        "name_ar": "وزارة العمل والشؤون الاجتماعية",
        "name_ckb": "وەزارەتی کار و کاروباری کۆمەڵایەتی",
    },
    {
        "code": "MoP",
        "kind": "federal",
        "name_en": "Ministry of Planning",
        "name_ar": "وزارة التخطيط",
        "name_ckb": "وەزارەتی پلاندانان",
    },
    {
        "code": "MoJ",
        "kind": "federal",
        "name_en": "Ministry of Justice",
        "name_ar": "وزارة العدل",
        "name_ckb": "وەزارەتی داد",
    },
    {
        "code": "MoH",
        "kind": "federal",
        "name_en": "Ministry of Health",
        "name_ar": "وزارة الصحة",
        "name_ckb": "وەزارەتی تەندروستی",
    },
    {
        "code": "MoE",
        "kind": "federal",
        "name_en": "Ministry of Education",
        "name_ar": "وزارة التربية",
        "name_ckb": "وەزارەتی پەروەردە",
    },
    {
        "code": "MoHESR",
        "kind": "federal",
        "name_en": "Ministry of Higher Education and Scientific Research",
        "name_ar": "وزارة التعليم العالي والبحث العلمي",
        "name_ckb": "وەزارەتی خوێندنی باڵا و توێژینەوەی زانستی",
    },
    {
        "code": "ONSA",
        "kind": "agency",
        "name_en": "Office of the National Security Adviser",
        "name_ar": "مستشارية الأمن القومي",
        "name_ckb": "نووسینگەی ڕاوێژکاری ئاسایشی نیشتمانی",
    },
    {
        "code": "BPC",
        "kind": "agency",
        "name_en": "Border Ports Commission",
        "name_ar": "هيئة المنافذ الحدودية",
        "name_ckb": "دەستەی دەروازە سنوورییەکان",
    },
    {
        "code": "COMSEC",
        "kind": "agency",
        "name_en": "General Secretariat of the Council of Ministers",
        "name_ar": "الأمانة العامة لمجلس الوزراء",
        "name_ckb": "ئەمیندارێتیی گشتیی ئەنجومەنی وەزیران",
    },
    {
        "code": "KRG-MoI",
        "kind": "krg",
        "name_en": "Ministry of Interior, Kurdistan Region",
        "name_ar": "وزارة الداخلية - إقليم كوردستان",
        "name_ckb": "وەزارەتی ناوخۆ - هەرێمی کوردستان",
    },
    {
        "code": "JCC",
        "kind": "krg",
        "name_en": "Joint Crisis Coordination Centre, Kurdistan Region",
        "name_ar": "مركز التنسيق المشترك للأزمات - إقليم كوردستان",
        "name_ckb": "ناوەندی هەماهەنگیی هاوبەشی قەیرانەکان - هەرێمی کوردستان",
    },
]

# ---------------------------------------------------------------------------------------------
# Strategy and pillars
# ---------------------------------------------------------------------------------------------
STRATEGY = {
    "code": "NSMM-2026",
    "title_en": "National Strategy for Migration Management in Iraq 2026-2030",
    "title_ar": "الاستراتيجية الوطنية لإدارة الهجرة في العراق 2026-2030",
    "title_ckb": "ستراتیژی نیشتمانیی بەڕێوەبردنی کۆچ لە عێراق 2026-2030",
    "start": "2026-01-01",
    "end": "2030-12-31",
    "reporting_frequency": "quarterly",
}

PILLARS = [
    {
        "number": 1,
        "title_en": "Governance, coordination and migration data",
        "title_ar": "الحوكمة والتنسيق وبيانات الهجرة",
        "title_ckb": "حوکمڕانی، هەماهەنگی و داتای کۆچ",
    },
    {
        "number": 2,
        "title_en": "Labour migration and protection of migrant workers",
        "title_ar": "هجرة العمالة وحماية العمال المهاجرين",
        "title_ckb": "کۆچی کار و پاراستنی کرێکارانی کۆچبەر",
    },
    {
        "number": 3,
        "title_en": "Borders, regular pathways, trafficking and smuggling",
        "title_ar": "الحدود والمسارات النظامية ومكافحة الاتجار بالبشر وتهريب المهاجرين",
        "title_ckb": "سنوورەکان، ڕێگا یاساییەکان، بازرگانیکردن بە مرۆڤ و قاچاخچێتیی کۆچبەران",
    },
    {
        "number": 4,
        "title_en": "Return, readmission and sustainable reintegration",
        "title_ar": "العودة وإعادة القبول وإعادة الإدماج المستدام",
        "title_ckb": "گەڕانەوە، وەرگرتنەوە و تێکەڵکردنەوەی بەردەوام",
    },
    {
        "number": 5,
        "title_en": "Diaspora engagement and migration for development",
        "title_ar": "التواصل مع المغتربين وتسخير الهجرة لأغراض التنمية",
        "title_ckb": "پەیوەندی لەگەڵ دیاسپۆرا و کۆچ بۆ گەشەپێدان",
    },
    {
        "number": 6,
        "title_en": "Migration, environment, climate and crises",
        "title_ar": "الهجرة والبيئة والمناخ والأزمات",
        "title_ckb": "کۆچ، ژینگە، کەشوهەوا و قەیرانەکان",
    },
]

# ---------------------------------------------------------------------------------------------
# Coordination bodies: high-level body, technical working group, two taskforces
# ---------------------------------------------------------------------------------------------
BODIES = [
    {
        "code": "HCB",
        "kind": "high_level",
        "parent": None,
        "name_en": "High-level Inter-ministerial Coordination Body for Migration",
        "name_ar": "هيئة التنسيق العليا بين الوزارات بشأن الهجرة",
        "name_ckb": "دەستەی باڵای هەماهەنگیی نێوان وەزارەتەکان بۆ کۆچ",
        "quorum": 8,
        "members": [
            "MoMD",
            "MoI",
            "MoFA",
            "MoLSA",
            "MoP",
            "MoJ",
            "MoH",
            "MoE",
            "MoHESR",
            "ONSA",
            "BPC",
            "COMSEC",
            "KRG-MoI",
            "JCC",
        ],
    },
    {
        "code": "TWG",
        "kind": "working_group",
        "parent": "HCB",
        "name_en": "Technical Working Group on Migration",
        "name_ar": "فريق العمل الفني المعني بالهجرة",
        "name_ckb": "گرووپی کاری تەکنیکی تایبەت بە کۆچ",
        "quorum": 7,
        "members": [
            "MoMD",
            "MoI",
            "MoFA",
            "MoLSA",
            "MoP",
            "MoJ",
            "MoH",
            "MoE",
            "MoHESR",
            "ONSA",
            "BPC",
            "COMSEC",
            "KRG-MoI",
            "JCC",
        ],
    },
    {
        "code": "TF-RET",
        "kind": "taskforce",
        "parent": "TWG",
        "name_en": "Taskforce on Return and Reintegration",
        "name_ar": "فريق المهام الخاص بالعودة وإعادة الإدماج",
        "name_ckb": "تیمی ئەرک بۆ گەڕانەوە و تێکەڵکردنەوە",
        "quorum": 5,
        "members": ["MoMD", "MoI", "MoLSA", "MoH", "MoE", "MoJ", "KRG-MoI", "JCC"],
    },
    {
        "code": "TF-LAB",
        "kind": "taskforce",
        "parent": "TWG",
        "name_en": "Taskforce on Labour Migration",
        "name_ar": "فريق المهام الخاص بهجرة العمالة",
        "name_ckb": "تیمی ئەرک بۆ کۆچی کار",
        "quorum": 4,
        "members": ["MoLSA", "MoI", "MoFA", "MoMD", "MoP", "MoHESR", "KRG-MoI"],
    },
]

# ---------------------------------------------------------------------------------------------
# Priority actions (codes "<pillar>.<n>")
# ---------------------------------------------------------------------------------------------
ACTIONS = [
    # ---- Pillar 1: Governance, coordination and migration data --------------------------------
    {
        "code": "1.1",
        "pillar": 1,
        "lead": "COMSEC",
        "supporting": ["MoMD", "MoFA", "MoI"],
        "title_en": "Adopt the terms of reference and rules of procedure of the High-level "
        "Coordination Body",
        "title_ar": "اعتماد الإطار المرجعي والنظام الداخلي لهيئة التنسيق العليا",
        "title_ckb": "پەسەندکردنی ئەرکنامە و پەیڕەوی ناوخۆی دەستەی باڵای هەماهەنگی",
        "description_en": (
            "Draft, consult on and adopt the terms of reference and rules of procedure that set "
            "the mandate, membership, quorum and decision-making of the High-level Coordination "
            "Body. The adopted texts are submitted to the Council of Ministers for endorsement and "
            "circulated to all member ministries."
        ),
        "description_ar": "إعداد الإطار المرجعي والنظام الداخلي اللذين يحددان ولاية هيئة التنسيق العليا وعضويتها ونصابها وآلية اتخاذ القرار فيها، والتشاور بشأنهما واعتمادهما. وتُرفع النصوص المعتمدة إلى مجلس الوزراء للمصادقة عليها وتُعمَّم على جميع الوزارات الأعضاء.",
        "stages": ["departure", "transit", "abroad", "return"],
        "priority": "high",
        "start": "2026-01-01",
        "due": "2026-04-30",
        "indicators": [],
    },
    {
        "code": "1.2",
        "pillar": 1,
        "lead": "MoP",
        "supporting": ["MoI", "MoMD", "MoLSA"],
        "title_en": "Inter-ministerial migration data-sharing protocol",
        "title_ar": "بروتوكول تبادل بيانات الهجرة بين الوزارات",
        "title_ckb": "پرۆتۆکۆڵی ئاڵوگۆڕی داتای کۆچ لە نێوان وەزارەتەکان",
        "description_en": (
            "Agree a protocol that defines which migration data each ministry shares, in what "
            "format, how often and under which data-protection safeguards. The Central Statistical "
            "Organization hosts a common dataset that is updated every quarter."
        ),
        "description_ar": "الاتفاق على بروتوكول يحدد بيانات الهجرة التي تتبادلها كل وزارة وصيغتها ودورية تبادلها وضمانات حماية البيانات الشخصية. ويستضيف الجهاز المركزي للإحصاء قاعدة بيانات مشتركة تُحدَّث كل ربع سنة.",
        "stages": ["departure", "transit", "abroad", "return"],
        "priority": "high",
        "start": "2026-02-01",
        "due": "2027-06-30",
        "indicators": [
            {
                "name_en": "Ministries sharing migration data quarterly",
                "name_ar": "عدد الوزارات التي تتبادل بيانات الهجرة فصلياً",
                "unit_en": "ministries",
                "unit_ar": "وزارات",
                "name_ckb": "ئەو وەزارەتانەی هەر چارەکێک داتای کۆچ ئاڵوگۆڕ دەکەن",
                "unit_ckb": "وەزارەت",
                "baseline": "0",
                "target": "8",
            },
        ],
    },
    {
        "code": "1.3",
        "pillar": 1,
        "lead": "COMSEC",
        "supporting": [],
        "title_en": "Designate ministry focal points and establish the secretariat of the "
        "Coordination Body",
        "title_ar": "تسمية ضباط الارتباط في الوزارات وتأسيس أمانة هيئة التنسيق",
        "title_ckb": "دیاریکردنی خاڵەکانی پەیوەندی لە وەزارەتەکان و دامەزراندنی سکرتاریەتی "
        "دەستەی هەماهەنگی",
        "description_en": (
            "Each member ministry names a focal point and an alternate, with a written mandate to "
            "report on the ministry's actions. The secretariat is staffed within the General "
            "Secretariat of the Council of Ministers and runs the portal, the reporting calendar "
            "and the meetings."
        ),
        "description_ar": "تسمّي كل وزارة عضو ضابط ارتباط وبديلاً عنه بتخويل مكتوب لتقديم التقارير عن الإجراءات المنوطة بها. وتُشكَّل الأمانة من ملاك الأمانة العامة لمجلس الوزراء لتتولى إدارة البوابة وجدول التقارير والاجتماعات.",
        "stages": ["departure", "transit", "abroad", "return"],
        "priority": "high",
        "start": "2026-01-01",
        "due": "2026-06-30",
        "indicators": [
            {
                "name_en": "Member ministries with a designated focal point",
                "name_ar": "الوزارات والجهات الأعضاء التي سمّت ضابط ارتباط",
                "unit_en": "ministries",
                "unit_ar": "وزارات",
                "name_ckb": "وەزارەت و دەزگا ئەندامەکان کە خاڵی پەیوەندییان دیاری کردووە",
                "unit_ckb": "وەزارەت",
                "baseline": "5",
                "target": "14",
            },
        ],
    },
    {
        "code": "1.4",
        "pillar": 1,
        "lead": "MoP",
        "supporting": [],
        "title_en": "Add a migration module to national household surveys",
        "title_ar": "إدراج وحدة خاصة بالهجرة في المسوح الأسرية الوطنية",
        "title_ckb": "زیادکردنی بەشێکی تایبەت بە کۆچ بۆ ڕاپرسییە نیشتمانییەکانی خێزان",
        "description_en": (
            "Design and test a standard set of questions on emigration, return, remittances and "
            "intentions to migrate, and add it to the national household socio-economic survey. "
            "Results are published by sex, age and governorate."
        ),
        "description_ar": "تصميم مجموعة موحدة من الأسئلة عن الهجرة إلى الخارج والعودة والتحويلات المالية ونوايا الهجرة واختبارها، وإدراجها في المسح الاجتماعي والاقتصادي الوطني للأسرة. وتُنشر النتائج مصنفة حسب الجنس والعمر والمحافظة.",
        "stages": ["departure", "abroad", "return"],
        "priority": "medium",
        "start": "2026-07-01",
        "due": "2028-12-31",
        "indicators": [
            {
                "name_en": "National surveys including the migration module",
                "name_ar": "المسوح الوطنية التي تتضمن وحدة الهجرة",
                "unit_en": "surveys",
                "unit_ar": "مسوح",
                "name_ckb": "ڕووپێوە نیشتمانییەکان کە بەشی کۆچیان تێدایە",
                "unit_ckb": "ڕووپێو",
                "baseline": "0",
                "target": "2",
            },
        ],
    },
    {
        "code": "1.5",
        "pillar": 1,
        "lead": "KRG-MoI",
        "supporting": ["MoMD", "MoI", "JCC"],
        "title_en": "Federal-Kurdistan Region coordination mechanism on migration and returns",
        "title_ar": "آلية تنسيق بين الحكومة الاتحادية وإقليم كوردستان بشأن الهجرة والعودة",
        "title_ckb": "میکانیزمی هەماهەنگی نێوان حکومەتی فیدراڵ و هەرێمی کوردستان بۆ کۆچ و گەڕانەوە",
        "description_en": (
            "Set up a standing joint committee of federal and Kurdistan Region authorities that "
            "meets every quarter on migration data, returns from camps and cross-border movements. "
            "The committee agrees a joint work plan and reports to the Coordination Body through "
            "the technical working group."
        ),
        "description_ar": "تشكيل لجنة مشتركة دائمة من السلطات الاتحادية وسلطات إقليم كوردستان تجتمع كل ربع سنة لبحث بيانات الهجرة والعودة من المخيمات والتنقل عبر الحدود. وتتفق اللجنة على خطة عمل مشتركة وترفع تقاريرها إلى هيئة التنسيق عن طريق فريق العمل الفني.",
        "stages": ["departure", "transit", "abroad", "return"],
        "priority": "high",
        "start": "2026-03-01",
        "due": "2026-10-31",
        "indicators": [
            {
                "name_en": "Joint committee meetings held per year",
                "name_ar": "عدد اجتماعات اللجنة المشتركة سنوياً",
                "unit_en": "meetings",
                "unit_ar": "اجتماعات",
                "name_ckb": "کۆبوونەوەکانی لیژنەی هاوبەش لە ساڵێکدا",
                "unit_ckb": "کۆبوونەوە",
                "baseline": "0",
                "target": "4",
            },
        ],
    },
    {
        "code": "1.6",
        "pillar": 1,
        "lead": "COMSEC",
        "supporting": [],
        "title_en": "Mainstream migration into the National Development Plan and ministry budgets",
        "title_ar": "إدماج الهجرة في خطة التنمية الوطنية وموازنات الوزارات",
        "title_ckb": "تێهەڵکێشکردنی کۆچ لە پلانی گەشەپێدانی نیشتمانی و بودجەی وەزارەتەکان",
        "description_en": (
            "Issue guidance so that ministries include the strategy's priority actions in their "
            "annual plans and budget requests. Each year the secretariat checks that the draft "
            "federal budget contains the allocations needed."
        ),
        "description_ar": "إصدار توجيهات للوزارات بتضمين الإجراءات ذات الأولوية الواردة في الاستراتيجية في خططها السنوية وطلبات موازناتها. وتتحقق الأمانة سنوياً من تضمين مشروع الموازنة الاتحادية التخصيصات اللازمة.",
        "stages": ["departure", "transit", "abroad", "return"],
        "priority": "medium",
        "start": "2026-06-01",
        "due": "2028-06-30",
        "indicators": [],
    },
    {
        "code": "1.7",
        "pillar": 1,
        "lead": "MoHESR",
        "supporting": [],
        "title_en": "National migration research network with Iraqi universities",
        "title_ar": "شبكة وطنية لبحوث الهجرة مع الجامعات العراقية",
        "title_ckb": "تۆڕێکی نیشتمانیی توێژینەوەی کۆچ لەگەڵ زانکۆکانی عێراق",
        "description_en": (
            "Link university research centres working on migration, displacement and labour "
            "markets, and agree an annual research agenda with the Coordination Body. Findings "
            "are shared through an annual conference and policy briefs."
        ),
        "description_ar": "ربط مراكز البحث الجامعية العاملة في مجالات الهجرة والنزوح وسوق العمل، والاتفاق مع هيئة التنسيق على خطة بحثية سنوية. وتُعمَّم النتائج عبر مؤتمر سنوي وموجزات سياساتية.",
        "stages": ["departure", "transit", "abroad", "return"],
        "priority": "low",
        "start": "2027-01-01",
        "due": "2029-12-31",
        "indicators": [
            {
                "name_en": "Universities active in the network",
                "name_ar": "الجامعات الفاعلة في الشبكة",
                "unit_en": "universities",
                "unit_ar": "جامعات",
                "name_ckb": "زانکۆ چالاکەکان لە تۆڕەکەدا",
                "unit_ckb": "زانکۆ",
                "baseline": "0",
                "target": "12",
            },
        ],
    },
    {
        "code": "1.8",
        "pillar": 1,
        "lead": "MoJ",
        "supporting": ["MoFA", "MoI"],
        "title_en": "Review national legislation on migration against Iraq's international "
        "commitments",
        "title_ar": "مراجعة التشريعات الوطنية المتعلقة بالهجرة في ضوء الالتزامات الدولية للعراق",
        "title_ckb": "پێداچوونەوەی یاسا نیشتمانییەکانی پەیوەست بە کۆچ بە پێی پابەندبوونە "
        "نێودەوڵەتییەکانی عێراق",
        "description_en": (
            "Carry out a legal gap analysis of the laws and regulations on residency, labour "
            "migration, trafficking, civil documents and returns. The review proposes amendments "
            "for submission through the General Secretariat of the Council of Ministers."
        ),
        "description_ar": "إجراء تحليل للفجوات القانونية في القوانين والأنظمة المتعلقة بالإقامة وهجرة العمالة والاتجار بالبشر ووثائق الأحوال المدنية والعودة. وتقترح المراجعة التعديلات اللازمة لرفعها عن طريق الأمانة العامة لمجلس الوزراء.",
        "stages": ["departure", "transit", "abroad", "return"],
        "priority": "medium",
        "start": "2026-09-01",
        "due": "2027-12-31",
        "indicators": [
            {
                "name_en": "Laws and regulations reviewed",
                "name_ar": "القوانين والأنظمة التي تمت مراجعتها",
                "unit_en": "laws and regulations",
                "unit_ar": "قوانين وأنظمة",
                "name_ckb": "یاسا و ڕێنماییە پێداچوونەوەبۆکراوەکان",
                "unit_ckb": "یاسا و ڕێنمایی",
                "baseline": "0",
                "target": "15",
            },
        ],
    },
    # ---- Pillar 2: Labour migration and protection of migrant workers -------------------------
    {
        "code": "2.1",
        "pillar": 2,
        "lead": "MoLSA",
        "supporting": ["MoI"],
        "title_en": "Electronic work permits linked to residency records",
        "title_ar": "إجازات العمل الإلكترونية المرتبطة بسجلات الإقامة",
        "title_ckb": "مۆڵەتی کاری ئەلیکترۆنی بەستراو بە تۆمارەکانی نیشتەجێبوون",
        "description_en": (
            "Replace paper work permits for foreign workers with an electronic system connected "
            "to the residency records of the Ministry of Interior. Employers apply online, and the "
            "status of each work permit and residency can be checked in one place."
        ),
        "description_ar": "استبدال إجازات العمل الورقية للعمال الأجانب بنظام إلكتروني مرتبط بسجلات الإقامة في وزارة الداخلية. ويقدّم أصحاب العمل طلباتهم إلكترونياً، ويمكن التحقق من حالة إجازة العمل والإقامة في مكان واحد.",
        "stages": ["abroad"],
        "priority": "high",
        "start": "2026-01-15",
        "due": "2027-12-31",
        "indicators": [
            {
                "name_en": "Average processing time of a work permit",
                "name_ar": "متوسط مدة إنجاز إجازة العمل",
                "unit_en": "days",
                "unit_ar": "أيام",
                "name_ckb": "تێکڕای ماوەی جێبەجێکردنی مۆڵەتی کار",
                "unit_ckb": "ڕۆژ",
                "baseline": "30",
                "target": "10",
            },
            {
                "name_en": "Share of work permits issued electronically",
                "name_ar": "نسبة إجازات العمل الصادرة إلكترونياً",
                "unit_en": "percent",
                "unit_ar": "نسبة مئوية",
                "name_ckb": "ڕێژەی مۆڵەتی کار کە بە ئەلیکترۆنی دەرچوون",
                "unit_ckb": "لەسەد",
                "baseline": "0",
                "target": "90",
            },
        ],
    },
    {
        "code": "2.2",
        "pillar": 2,
        "lead": "MoLSA",
        "supporting": ["MoMD", "JCC"],
        "title_en": "Pre-departure orientation for Iraqis taking regular jobs abroad",
        "title_ar": "التوجيه قبل المغادرة للعراقيين المتوجهين إلى وظائف نظامية في الخارج",
        "title_ckb": "ڕێنمایی پێش ڕۆیشتن بۆ ئەو عێراقیانەی کاری یاسایی لە دەرەوە وەردەگرن",
        "description_en": (
            "Offer a standard one-day orientation on employment contracts, rights, remittances and "
            "where to seek help abroad, in Baghdad, Basra and Erbil. The curriculum is shared with "
            "consulates so that workers find the same information on arrival."
        ),
        "description_ar": "تقديم برنامج توجيهي موحد ليوم واحد عن عقود العمل والحقوق والتحويلات المالية وجهات طلب المساعدة في الخارج، في بغداد والبصرة وأربيل. ويُعمَّم المنهج على القنصليات ليجد العمال المعلومات نفسها عند وصولهم.",
        "stages": ["departure", "abroad"],
        "priority": "medium",
        "start": "2026-04-01",
        "due": "2028-06-30",
        "indicators": [
            {
                "name_en": "Workers who completed pre-departure orientation",
                "name_ar": "العمال الذين أكملوا التوجيه قبل المغادرة",
                "unit_en": "workers",
                "unit_ar": "عمال",
                "name_ckb": "ئەو کرێکارانەی ئاشناکردنی پێش ڕۆیشتنیان تەواو کردووە",
                "unit_ckb": "کرێکار",
                "baseline": "0",
                "target": "5000",
            },
        ],
    },
    {
        "code": "2.3",
        "pillar": 2,
        "lead": "MoLSA",
        "supporting": [],
        "title_en": "Licensing and inspection of private recruitment agencies",
        "title_ar": "ترخيص شركات التشغيل والاستقدام الأهلية والتفتيش عليها",
        "title_ckb": "مۆڵەتدان و پشکنینی کۆمپانیا تایبەتەکانی دامەزراندن و هێنانی کرێکار",
        "description_en": (
            "Update the licensing rules for private recruitment agencies to ban recruitment fees "
            "charged to workers and to require written contracts in a language the worker "
            "understands. Labour inspectors visit every licensed agency at least once a year."
        ),
        "description_ar": "تحديث ضوابط ترخيص شركات التشغيل والاستقدام الأهلية لحظر استيفاء رسوم الاستقدام من العمال واشتراط عقود مكتوبة بلغة يفهمها العامل. ويتولى مفتشو العمل التفتيش على كل شركة مرخصة مرة واحدة في السنة في الأقل.",
        "stages": ["departure", "abroad"],
        "priority": "high",
        "start": "2026-05-01",
        "due": "2027-12-31",
        "indicators": [
            {
                "name_en": "Licensed agencies inspected in the year",
                "name_ar": "الشركات المرخصة التي جرى التفتيش عليها خلال السنة",
                "unit_en": "agencies",
                "unit_ar": "شركات",
                "name_ckb": "کۆمپانیا مۆڵەتپێدراوەکان کە لە ساڵەکەدا پشکنینیان بۆ کرا",
                "unit_ckb": "کۆمپانیا",
                "baseline": "0",
                "target": "40",
            },
        ],
    },
    {
        "code": "2.4",
        "pillar": 2,
        "lead": "MoFA",
        "supporting": ["MoLSA"],
        "title_en": "Bilateral labour migration agreements with main destination and origin "
        "countries",
        "title_ar": "اتفاقيات ثنائية لهجرة العمالة مع دول المقصد والمنشأ الرئيسة",
        "title_ckb": "ڕێککەوتنی دوولایەنەی کۆچی کار لەگەڵ وڵاتانی سەرەکیی مەبەست و سەرچاوە",
        "description_en": (
            "Negotiate agreements or memoranda of understanding that set fair recruitment, social "
            "protection and return conditions for Iraqi workers abroad and for foreign workers in "
            "Iraq. Priority goes to the countries with the largest numbers of workers."
        ),
        "description_ar": "التفاوض على اتفاقيات أو مذكرات تفاهم تحدد شروط الاستقدام العادل والحماية الاجتماعية والعودة للعمال العراقيين في الخارج وللعمال الأجانب في العراق. وتُمنح الأولوية للدول التي تضم أكبر أعداد من العمال.",
        "stages": ["departure", "abroad", "return"],
        "priority": "medium",
        "start": "2026-07-01",
        "due": "2029-12-31",
        "indicators": [
            {
                "name_en": "Bilateral labour agreements signed",
                "name_ar": "اتفاقيات العمل الثنائية الموقعة",
                "unit_en": "agreements",
                "unit_ar": "اتفاقيات",
                "name_ckb": "ڕێککەوتنە دوولایەنەکانی کار کە واژۆ کراون",
                "unit_ckb": "ڕێککەوتن",
                "baseline": "1",
                "target": "5",
            },
        ],
    },
    {
        "code": "2.5",
        "pillar": 2,
        "lead": "MoHESR",
        "supporting": [],
        "title_en": "Recognition of qualifications and skills acquired abroad",
        "title_ar": "الاعتراف بالمؤهلات والمهارات المكتسبة في الخارج",
        "title_ckb": "دانپێدانان بە بڕوانامە و لێهاتووییە بەدەستهاتووەکان لە دەرەوە",
        "description_en": (
            "Simplify the equivalency procedure for degrees obtained abroad and create a route to "
            "certify vocational skills gained by returning migrants. Applications are submitted "
            "online with a published maximum processing time."
        ),
        "description_ar": "تبسيط إجراءات معادلة الشهادات الصادرة من الخارج، واستحداث مسار للمصادقة على المهارات المهنية التي اكتسبها المهاجرون العائدون. وتُقدَّم الطلبات إلكترونياً مع تحديد مدة قصوى معلنة لإنجازها.",
        "stages": ["abroad", "return"],
        "priority": "low",
        "start": "2027-01-01",
        "due": "2029-06-30",
        "indicators": [],
    },
    {
        "code": "2.6",
        "pillar": 2,
        "lead": "MoH",
        "supporting": [],
        "title_en": "Access to health services for migrant workers in Iraq",
        "title_ar": "وصول العمال المهاجرين في العراق إلى الخدمات الصحية",
        "title_ckb": "دەستڕاگەیشتنی کرێکارانی کۆچبەر لە عێراق بە خزمەتگوزارییە تەندروستییەکان",
        "description_en": (
            "Issue instructions that allow registered foreign workers to use primary health care "
            "centres, and replace repeated medical examinations with one electronic health "
            "certificate. Staff in selected centres are trained on occupational health and "
            "language support."
        ),
        "description_ar": "إصدار تعليمات تتيح للعمال الأجانب المسجلين الانتفاع بخدمات مراكز الرعاية الصحية الأولية، والاستعاضة عن الفحوص الطبية المتكررة بشهادة صحية إلكترونية واحدة. ويُدرَّب الملاك في مراكز مختارة على الصحة المهنية ودعم التواصل اللغوي.",
        "stages": ["abroad"],
        "priority": "medium",
        "start": "2027-01-01",
        "due": "2028-12-31",
        "indicators": [
            {
                "name_en": "Primary health care centres serving migrant workers",
                "name_ar": "مراكز الرعاية الصحية الأولية التي تقدم الخدمات للعمال المهاجرين",
                "unit_en": "centres",
                "unit_ar": "مراكز",
                "name_ckb": "بنکەکانی چاودێریی تەندروستیی سەرەتایی کە خزمەتی کرێکارە کۆچبەرەکان دەکەن",
                "unit_ckb": "بنکە",
                "baseline": "0",
                "target": "30",
            },
        ],
    },
    {
        "code": "2.7",
        "pillar": 2,
        "lead": "KRG-MoI",
        "supporting": ["MoI", "MoLSA"],
        "title_en": "Harmonise residency procedures for foreign workers between federal Iraq "
        "and the Kurdistan Region",
        "title_ar": "توحيد إجراءات إقامة العمال الأجانب بين الحكومة الاتحادية وإقليم كوردستان",
        "title_ckb": "یەکخستنی ڕێکارەکانی نیشتەجێبوونی کرێکارانی بیانی لە نێوان حکومەتی فیدراڵ "
        "و هەرێمی کوردستان",
        "description_en": (
            "Agree common documents, fees and validity periods so that a foreign worker legally "
            "resident in one part of Iraq is not treated as irregular in the other. Both sides "
            "exchange lists of valid residency permits."
        ),
        "description_ar": "الاتفاق على وثائق ورسوم ومدد صلاحية موحدة بحيث لا يُعامَل العامل الأجنبي المقيم إقامة قانونية في أحد الجانبين معاملة المخالف في الجانب الآخر. ويتبادل الجانبان قوائم الإقامات السارية.",
        "stages": ["abroad"],
        "priority": "medium",
        "start": "2027-01-01",
        "due": "2028-06-30",
        "indicators": [],
    },
    # ---- Pillar 3: Borders, regular pathways, trafficking and smuggling -----------------------
    {
        "code": "3.1",
        "pillar": 3,
        "lead": "ONSA",
        "supporting": ["MoI", "BPC", "MoFA"],
        "title_en": "Finalise and endorse the National Integrated Border Management Strategy",
        "title_ar": "استكمال الاستراتيجية الوطنية للإدارة المتكاملة للحدود والمصادقة عليها",
        "title_ckb": "تەواوکردن و پەسەندکردنی ستراتیژی نیشتمانیی بەڕێوەبردنی یەکگرتووی سنوور",
        "description_en": (
            "Complete the draft integrated border management strategy with the agencies working "
            "at the borders, hold a validation workshop and submit it to the Council of Ministers. "
            "The strategy sets out how border agencies cooperate and how migrants' rights are "
            "protected at the border."
        ),
        "description_ar": "استكمال مسودة الاستراتيجية الوطنية للإدارة المتكاملة للحدود مع الجهات العاملة في المنافذ والحدود، وعقد ورشة للمصادقة الفنية عليها ورفعها إلى مجلس الوزراء. وتحدد الاستراتيجية آليات التعاون بين الجهات الحدودية وسبل حماية حقوق المهاجرين على الحدود.",
        "stages": ["departure", "transit", "return"],
        "priority": "high",
        "start": "2026-01-01",
        "due": "2026-09-30",
        "indicators": [],
    },
    {
        "code": "3.2",
        "pillar": 3,
        "lead": "MoI",
        "supporting": ["MoLSA", "MoH", "MoJ", "KRG-MoI"],
        "title_en": "Standard procedures to identify and refer victims of trafficking",
        "title_ar": "إجراءات عمل موحدة لتحديد ضحايا الاتجار بالبشر وإحالتهم",
        "title_ckb": "ڕێکاری ستانداردی ناسینەوە و ڕەوانەکردنی قوربانییانی بازرگانیکردن بە مرۆڤ",
        "description_en": (
            "Adopt standard operating procedures that tell police, labour inspectors, health "
            "workers and shelters how to identify a presumed victim of trafficking and refer them "
            "to protection. The procedures apply in federal Iraq and the Kurdistan Region and are "
            "linked to the Central Committee to Combat Trafficking in Persons."
        ),
        "description_ar": "اعتماد إجراءات عمل موحدة توضح للشرطة ومفتشي العمل والعاملين الصحيين ودور الإيواء كيفية تحديد الضحية المفترضة للاتجار بالبشر وإحالتها إلى جهات الحماية. وتُطبَّق الإجراءات في جميع المحافظات بما فيها محافظات إقليم كوردستان، وترتبط باللجنة المركزية لمكافحة الاتجار بالبشر.",
        "stages": ["departure", "transit", "abroad", "return"],
        "priority": "high",
        "start": "2026-02-01",
        "due": "2027-06-30",
        "indicators": [
            {
                "name_en": "Governorates applying the procedures",
                "name_ar": "المحافظات التي تطبق الإجراءات",
                "unit_en": "governorates",
                "unit_ar": "محافظات",
                "name_ckb": "ئەو پارێزگایانەی ڕێکارەکان جێبەجێ دەکەن",
                "unit_ckb": "پارێزگا",
                "baseline": "0",
                "target": "18",
            },
            {
                "name_en": "Presumed victims referred to protection services per year",
                "name_ar": "الضحايا المفترضون المحالون إلى خدمات الحماية سنوياً",
                "unit_en": "persons",
                "unit_ar": "أشخاص",
                "name_ckb": "قوربانییە گریمانەکراوەکان کە ساڵانە ڕەوانەی خزمەتگوزارییەکانی پاراستن کراون",
                "unit_ckb": "کەس",
                "baseline": "45",
                "target": "300",
            },
        ],
    },
    {
        "code": "3.3",
        "pillar": 3,
        "lead": "BPC",
        "supporting": [],
        "title_en": "Biometric registration at border crossing points",
        "title_ar": "التسجيل البايومتري في المنافذ الحدودية",
        "title_ckb": "تۆمارکردنی بایۆمەتری لە دەروازە سنوورییەکان",
        "description_en": (
            "Install biometric registration of travellers at land, air and sea border crossing "
            "points, linked to the national entry-exit database. Staff are trained on data "
            "protection and on referring vulnerable travellers."
        ),
        "description_ar": "تركيب أنظمة التسجيل البايومتري للمسافرين في المنافذ الحدودية البرية والجوية والبحرية وربطها بقاعدة بيانات الدخول والخروج الوطنية. ويُدرَّب الملاك على حماية البيانات وإحالة المسافرين من الفئات الهشة.",
        "stages": ["departure", "transit", "return"],
        "priority": "high",
        "start": "2026-04-01",
        "due": "2028-12-31",
        "indicators": [
            {
                "name_en": "Border crossing points with biometric registration",
                "name_ar": "المنافذ الحدودية المزودة بالتسجيل البايومتري",
                "unit_en": "crossing points",
                "unit_ar": "منافذ",
                "name_ckb": "دەروازە سنوورییەکان کە تۆمارکردنی بایۆمەتریان هەیە",
                "unit_ckb": "دەروازە",
                "baseline": "6",
                "target": "24",
            },
        ],
    },
    {
        "code": "3.4",
        "pillar": 3,
        "lead": "MoJ",
        "supporting": [],
        "title_en": "Specialised training on trafficking and smuggling cases for judicial staff",
        "title_ar": "تدريب تخصصي للملاكات العدلية على قضايا الاتجار بالبشر وتهريب المهاجرين",
        "title_ckb": "ڕاهێنانی تایبەت بۆ فەرمانبەرانی دادوەری لەسەر دۆسیەکانی بازرگانیکردن بە "
        "مرۆڤ و قاچاخچێتیی کۆچبەران",
        "description_en": (
            "Through the Judicial Institute, run a recurring course for investigators, "
            "prosecutors and judicial staff on the Anti-Trafficking in Persons Law No. 28 of 2012, "
            "victim-centred procedures and the difference between trafficking and smuggling. "
            "A pool of qualified trainers keeps the course running after the first cycle."
        ),
        "description_ar": "تنظيم دورة دورية عن طريق المعهد القضائي للمحققين وأعضاء الادعاء العام والملاكات العدلية بشأن قانون مكافحة الاتجار بالبشر رقم (28) لسنة 2012، والإجراءات المتمحورة حول الضحية، والتمييز بين الاتجار بالبشر وتهريب المهاجرين. ويُعَدّ فريق من المدربين المؤهلين لضمان استمرار الدورة بعد انعقادها الأول.",
        "stages": ["transit", "abroad"],
        "priority": "medium",
        "start": "2026-09-01",
        "due": "2028-12-31",
        "indicators": [
            {
                "name_en": "Investigators and judicial staff trained",
                "name_ar": "المحققون والملاكات العدلية المدرَّبون",
                "unit_en": "persons",
                "unit_ar": "أشخاص",
                "name_ckb": "لێکۆڵەر و کارمەندانی دادوەریی ڕاهێنراو",
                "unit_ckb": "کەس",
                "baseline": "0",
                "target": "400",
            },
        ],
    },
    {
        "code": "3.5",
        "pillar": 3,
        "lead": "ONSA",
        "supporting": ["MoI", "KRG-MoI", "BPC"],
        "title_en": "National action plan against the smuggling of migrants",
        "title_ar": "خطة العمل الوطنية لمكافحة تهريب المهاجرين",
        "title_ckb": "پلانی کاری نیشتمانی بۆ ڕووبەڕووبوونەوەی قاچاخچێتیی کۆچبەران",
        "description_en": (
            "Map the smuggling routes and networks out of Iraq and through the Kurdistan Region, "
            "and agree a plan for investigation, prevention and public awareness. The plan "
            "respects the rights of smuggled migrants and separates them from the smugglers who "
            "commit the crime."
        ),
        "description_ar": "رصد مسارات تهريب المهاجرين وشبكاته من العراق وعبر إقليم كوردستان، والاتفاق على خطة للتحقيق والوقاية والتوعية العامة. وتراعي الخطة حقوق المهاجرين المهرَّبين وتميّز بينهم وبين المهربين الذين يرتكبون الجريمة.",
        "stages": ["departure", "transit"],
        "priority": "medium",
        "start": "2027-01-01",
        "due": "2028-06-30",
        "indicators": [],
    },
    {
        "code": "3.6",
        "pillar": 3,
        "lead": "MoI",
        "supporting": [],
        "title_en": "Electronic visa and residency services as regular pathways",
        "title_ar": "خدمات التأشيرة والإقامة الإلكترونية بوصفها مسارات نظامية",
        "title_ckb": "خزمەتگوزارییە ئەلیکترۆنییەکانی ڤیزا و نیشتەجێبوون وەک ڕێگای یاسایی",
        "description_en": (
            "Extend the electronic visa platform to work, study and family visas and allow online "
            "renewal of residency. Clear, published criteria reduce the use of irregular channels "
            "by foreign nationals."
        ),
        "description_ar": "توسيع منصة التأشيرة الإلكترونية لتشمل تأشيرات العمل والدراسة ولمّ شمل الأسرة، وإتاحة تجديد الإقامة إلكترونياً. وتسهم المعايير الواضحة والمعلنة في الحد من لجوء الرعايا الأجانب إلى القنوات غير النظامية.",
        "stages": ["departure", "abroad"],
        "priority": "medium",
        "start": "2026-06-01",
        "due": "2028-06-30",
        "indicators": [
            {
                "name_en": "Share of visas issued through the electronic platform",
                "name_ar": "نسبة التأشيرات الصادرة عبر المنصة الإلكترونية",
                "unit_en": "percent",
                "unit_ar": "نسبة مئوية",
                "name_ckb": "ڕێژەی ڤیزا دەرچووەکان لە ڕێگەی سەکۆی ئەلیکترۆنییەوە",
                "unit_ckb": "لەسەد",
                "baseline": "20",
                "target": "80",
            },
        ],
    },
    {
        "code": "3.7",
        "pillar": 3,
        "lead": "MoFA",
        "supporting": [],
        "title_en": "Consular protection protocol for Iraqis stranded or detained in transit "
        "countries",
        "title_ar": "بروتوكول الحماية القنصلية للعراقيين العالقين أو المحتجزين في دول العبور",
        "title_ckb": "پرۆتۆکۆڵی پاراستنی کونسوڵی بۆ ئەو عێراقیانەی لە وڵاتانی ترانزێت "
        "ماونەتەوە یان دەستگیرکراون",
        "description_en": (
            "Set common steps for embassies and consulates when Iraqis are stranded, detained or "
            "injured on migration routes, including identity checks, emergency travel documents "
            "and contact with families. A hotline and a case log are shared with the Ministry of "
            "Migration and Displacement."
        ),
        "description_ar": "تحديد خطوات موحدة للسفارات والقنصليات عند تعرّض مواطنين عراقيين للعلوق أو الاحتجاز أو الإصابة على طرق الهجرة، بما في ذلك التحقق من الهوية وإصدار جوازات المرور والتواصل مع ذويهم. ويُشارَك خط ساخن وسجل للحالات مع وزارة الهجرة والمهجرين.",
        "stages": ["transit", "abroad"],
        "priority": "high",
        "start": "2026-03-01",
        "due": "2027-03-31",
        "indicators": [],
    },
    {
        "code": "3.8",
        "pillar": 3,
        "lead": "BPC",
        "supporting": ["KRG-MoI", "MoI"],
        "title_en": "Border data exchange between federal and Kurdistan Region border authorities",
        "title_ar": "تبادل البيانات الحدودية بين الجهات الحدودية الاتحادية وجهات إقليم كوردستان",
        "title_ckb": "ئاڵوگۆڕی داتای سنووری لە نێوان دەزگا سنوورییە فیدراڵییەکان و دەزگاکانی "
        "هەرێمی کوردستان",
        "description_en": (
            "Connect the entry-exit records of crossing points managed by the Border Ports "
            "Commission with those in the Kurdistan Region, starting with the main land crossings "
            "and Erbil and Sulaymaniyah airports. Joint monthly statistics are produced for the "
            "Coordination Body."
        ),
        "description_ar": "ربط سجلات الدخول والخروج في المنافذ التي تديرها هيئة المنافذ الحدودية بسجلات المنافذ الواقعة في إقليم كوردستان، بدءاً بالمنافذ البرية الرئيسة ومطاري أربيل والسليمانية. وتُعَدّ إحصاءات شهرية مشتركة تُرفع إلى هيئة التنسيق.",
        "stages": ["departure", "transit", "return"],
        "priority": "medium",
        "start": "2027-01-01",
        "due": "2029-06-30",
        "indicators": [],
    },
    # ---- Pillar 4: Return, readmission and sustainable reintegration --------------------------
    {
        "code": "4.1",
        "pillar": 4,
        "lead": "MoMD",
        "supporting": ["KRG-MoI", "MoI"],
        "title_en": "Roll out the electronic return case management system to all governorates",
        "title_ar": "تعميم نظام إدارة حالات العائدين الإلكتروني على جميع المحافظات",
        "title_ckb": "بڵاوکردنەوەی سیستەمی ئەلیکترۆنیی بەڕێوەبردنی دۆسیەی گەڕاوەکان بۆ هەموو "
        "پارێزگاکان",
        "description_en": (
            "Extend the electronic case management system for returnees from the two pilot "
            "governorates to all governorates, including those of the Kurdistan Region. Each "
            "returnee's case is registered once and followed from arrival to reintegration."
        ),
        "description_ar": "توسيع نظام إدارة حالات العائدين الإلكتروني من المحافظتين التجريبيتين ليشمل جميع المحافظات، بما فيها محافظات إقليم كوردستان. وتُسجَّل حالة كل عائد مرة واحدة وتُتابَع منذ الوصول حتى إعادة الإدماج.",
        "stages": ["return"],
        "priority": "high",
        "start": "2026-01-01",
        "due": "2027-12-31",
        "indicators": [
            {
                "name_en": "Governorates using the system",
                "name_ar": "المحافظات التي تستخدم النظام",
                "unit_en": "governorates",
                "unit_ar": "محافظات",
                "name_ckb": "ئەو پارێزگایانەی سیستەمەکە بەکاردەهێنن",
                "unit_ckb": "پارێزگا",
                "baseline": "2",
                "target": "18",
            },
            {
                "name_en": "Returnee cases registered in the system",
                "name_ar": "حالات العائدين المسجلة في النظام",
                "unit_en": "cases",
                "unit_ar": "حالات",
                "name_ckb": "دۆسیەی گەڕاوەکان کە لە سیستەمەکەدا تۆمار کراون",
                "unit_ckb": "دۆسیە",
                "baseline": "1200",
                "target": "25000",
            },
        ],
    },
    {
        "code": "4.2",
        "pillar": 4,
        "lead": "MoMD",
        "supporting": ["MoLSA", "MoH", "MoE"],
        "title_en": "Expand the National Referral Mechanism for reintegration of returnees",
        "title_ar": "توسيع آلية الإحالة الوطنية لإعادة إدماج العائدين",
        "title_ckb": "فراوانکردنی میکانیزمی ڕەوانەکردنی نیشتمانی بۆ تێکەڵکردنەوەی گەڕاوەکان",
        "description_en": (
            "Extend the referral pathways that connect returnees to social protection, health, "
            "education and livelihood services, with a named contact in each service. Referrals "
            "and their outcomes are recorded in the return case management system."
        ),
        "description_ar": "توسيع مسارات الإحالة التي تربط العائدين بخدمات الحماية الاجتماعية والصحة والتعليم وسبل العيش، مع تسمية جهة اتصال في كل خدمة. وتُسجَّل الإحالات ونتائجها في نظام إدارة حالات العائدين.",
        "stages": ["return"],
        "priority": "high",
        "start": "2026-03-01",
        "due": "2028-12-31",
        "indicators": [
            {
                "name_en": "Returnees referred to services per year",
                "name_ar": "العائدون المحالون إلى الخدمات سنوياً",
                "unit_en": "persons",
                "unit_ar": "أشخاص",
                "name_ckb": "گەڕاوەکان کە ساڵانە ڕەوانەی خزمەتگوزارییەکان کراون",
                "unit_ckb": "کەس",
                "baseline": "800",
                "target": "6000",
            },
        ],
    },
    {
        "code": "4.3",
        "pillar": 4,
        "lead": "MoE",
        "supporting": ["MoHESR", "MoMD"],
        "title_en": "School re-enrolment and certificate recognition for returnee children",
        "title_ar": "إعادة تسجيل أطفال العائدين في المدارس والاعتراف بشهاداتهم",
        "title_ckb": "تۆمارکردنەوەی منداڵانی گەڕاوە لە قوتابخانە و دانپێدانان بە بڕوانامەکانیان",
        "description_en": (
            "Issue one procedure for placing returnee children in the right grade, with placement "
            "tests where documents are missing and recognition of school certificates obtained "
            "abroad. Catch-up classes are offered in governorates with many returns."
        ),
        "description_ar": "إصدار إجراء موحد لقبول أطفال العائدين في الصف المناسب، مع إجراء اختبارات تحديد المستوى عند فقدان الوثائق والاعتراف بالشهادات المدرسية الصادرة في الخارج. وتُفتح صفوف تقوية في المحافظات التي تشهد أعداداً كبيرة من العائدين.",
        "stages": ["return"],
        "priority": "high",
        "start": "2026-04-01",
        "due": "2027-09-30",
        "indicators": [
            {
                "name_en": "Returnee children re-enrolled within three months of return",
                "name_ar": "نسبة أطفال العائدين المعاد تسجيلهم خلال ثلاثة أشهر من العودة",
                "unit_en": "percent",
                "unit_ar": "نسبة مئوية",
                "name_ckb": "ڕێژەی منداڵانی گەڕاوە کە لە ماوەی سێ مانگ لە گەڕانەوەیان دووبارە ناونووس کراونەتەوە",
                "unit_ckb": "لەسەد",
                "baseline": "35",
                "target": "90",
            },
        ],
    },
    {
        "code": "4.4",
        "pillar": 4,
        "lead": "MoI",
        "supporting": ["MoFA"],
        "title_en": "Procedures for identity verification and readmission of Iraqi nationals",
        "title_ar": "إجراءات التحقق من الهوية وإعادة قبول المواطنين العراقيين",
        "title_ckb": "ڕێکارەکانی پشتڕاستکردنەوەی ناسنامە و وەرگرتنەوەی هاووڵاتیانی عێراقی",
        "description_en": (
            "Set time limits and a single channel for verifying the identity of Iraqis returned "
            "from abroad, using the national civil status records. Returnees are received at the "
            "airport with dignity and referred to the Ministry of Migration and Displacement for "
            "reintegration support."
        ),
        "description_ar": "تحديد مدد زمنية وقناة موحدة للتحقق من هوية العراقيين المعادين من الخارج بالاعتماد على سجلات الأحوال المدنية الوطنية. ويُستقبل العائدون في المطار بما يحفظ كرامتهم ويُحالون إلى وزارة الهجرة والمهجرين للحصول على دعم إعادة الإدماج.",
        "stages": ["abroad", "return"],
        "priority": "medium",
        "start": "2026-05-01",
        "due": "2027-12-31",
        "indicators": [],
    },
    {
        "code": "4.5",
        "pillar": 4,
        "lead": "MoJ",
        "supporting": [],
        "title_en": "Restore housing, land and property documents of returnees",
        "title_ar": "استعادة وثائق السكن والأراضي والممتلكات للعائدين",
        "title_ckb": "گەڕاندنەوەی بەڵگەنامەکانی خانوو، زەوی و موڵکی گەڕاوەکان",
        "description_en": (
            "Through the Real Estate Registration Directorate, set up a fast-track procedure for "
            "returnees to replace lost or destroyed property records. Mobile teams visit areas "
            "with high numbers of returns."
        ),
        "description_ar": "استحداث إجراء سريع عن طريق دائرة التسجيل العقاري ليتمكن العائدون من استبدال سجلات الملكية المفقودة أو التالفة. وتزور فرق جوالة المناطق التي تشهد معدلات عودة مرتفعة.",
        "stages": ["return"],
        "priority": "medium",
        "start": "2027-01-01",
        "due": "2029-12-31",
        "indicators": [
            {
                "name_en": "Property records restored for returnees",
                "name_ar": "سجلات الملكية المستعادة للعائدين",
                "unit_en": "records",
                "unit_ar": "سجلات",
                "name_ckb": "تۆمارەکانی موڵک کە بۆ گەڕاوەکان گەڕێنراونەتەوە",
                "unit_ckb": "تۆمار",
                "baseline": "0",
                "target": "3000",
            },
        ],
    },
    {
        "code": "4.6",
        "pillar": 4,
        "lead": "MoH",
        "supporting": [],
        "title_en": "Mental health and psychosocial support for returnees",
        "title_ar": "خدمات الصحة النفسية والدعم النفسي والاجتماعي للعائدين",
        "title_ckb": "تەندروستیی دەروونی و پشتگیریی دەروونی-کۆمەڵایەتی بۆ گەڕاوەکان",
        "description_en": (
            "Integrate mental health and psychosocial support into primary health care centres in "
            "areas of high return, with staff trained to recognise trauma linked to migration. "
            "Returnees referred through the National Referral Mechanism are seen within two weeks."
        ),
        "description_ar": "إدماج خدمات الصحة النفسية والدعم النفسي والاجتماعي في مراكز الرعاية الصحية الأولية في مناطق العودة المرتفعة، مع تدريب الملاك على تشخيص الصدمات المرتبطة بالهجرة. ويُستقبل العائدون المحالون عبر آلية الإحالة الوطنية خلال أسبوعين.",
        "stages": ["return"],
        "priority": "medium",
        "start": "2026-07-01",
        "due": "2028-12-31",
        "indicators": [
            {
                "name_en": "Primary health care centres offering psychosocial support",
                "name_ar": "مراكز الرعاية الصحية الأولية التي تقدم الدعم النفسي والاجتماعي",
                "unit_en": "centres",
                "unit_ar": "مراكز",
                "name_ckb": "بنکەکانی چاودێریی تەندروستیی سەرەتایی کە پشتگیریی دەروونی و کۆمەڵایەتی پێشکەش دەکەن",
                "unit_ckb": "بنکە",
                "baseline": "20",
                "target": "120",
            },
        ],
    },
    {
        "code": "4.7",
        "pillar": 4,
        "lead": "JCC",
        "supporting": ["KRG-MoI", "MoMD"],
        "title_en": "Durable solutions for displaced families in camps of the Kurdistan Region",
        "title_ar": "الحلول الدائمة للأسر النازحة في مخيمات إقليم كوردستان",
        "title_ckb": "چارەسەری هەمیشەیی بۆ خێزانە ئاوارەکان لە کەمپەکانی هەرێمی کوردستان",
        "description_en": (
            "Agree with federal authorities a plan for voluntary, safe and dignified return, local "
            "integration or relocation of the families still living in camps. Each family receives "
            "counselling on its options and on the documents it needs."
        ),
        "description_ar": "الاتفاق مع السلطات الاتحادية على خطة للعودة الطوعية والآمنة والكريمة أو الاندماج المحلي أو إعادة التوطين للأسر التي لا تزال تقيم في المخيمات. وتحصل كل أسرة على الإرشاد بشأن الخيارات المتاحة لها والوثائق التي تحتاجها.",
        "stages": ["return"],
        "priority": "high",
        "start": "2026-04-01",
        "due": "2028-12-31",
        "indicators": [
            {
                "name_en": "Households supported to reach a durable solution",
                "name_ar": "الأسر التي حصلت على دعم للوصول إلى حل دائم",
                "unit_en": "households",
                "unit_ar": "أسر",
                "name_ckb": "ئەو خێزانانەی پشتگیری کران بۆ گەیشتن بە چارەسەرێکی بەردەوام",
                "unit_ckb": "خێزان",
                "baseline": "0",
                "target": "4000",
            },
        ],
    },
    {
        "code": "4.8",
        "pillar": 4,
        "lead": "MoLSA",
        "supporting": [],
        "title_en": "Vocational training and small grants for returnees",
        "title_ar": "التدريب المهني والمنح الصغيرة للعائدين",
        "title_ckb": "ڕاهێنانی پیشەیی و بەخشینی بچووک بۆ گەڕاوەکان",
        "description_en": (
            "Reserve places for returnees in vocational training centres and link graduates to "
            "small business grants and soft loans. Courses are chosen with local employers to "
            "match demand in each governorate."
        ),
        "description_ar": "تخصيص مقاعد للعائدين في مراكز التدريب المهني وربط الخريجين بالمنح الصغيرة والقروض الميسرة للمشاريع. وتُختار الدورات بالتنسيق مع أصحاب العمل المحليين بما يلبي الطلب في كل محافظة.",
        "stages": ["return"],
        "priority": "medium",
        "start": "2026-09-01",
        "due": "2029-06-30",
        "indicators": [
            {
                "name_en": "Returnees who completed vocational training",
                "name_ar": "العائدون الذين أكملوا التدريب المهني",
                "unit_en": "persons",
                "unit_ar": "أشخاص",
                "name_ckb": "گەڕاوەکان کە ڕاهێنانی پیشەییان تەواو کردووە",
                "unit_ckb": "کەس",
                "baseline": "0",
                "target": "3000",
            },
        ],
    },
    # ---- Pillar 5: Diaspora engagement and migration for development --------------------------
    {
        "code": "5.1",
        "pillar": 5,
        "lead": "MoMD",
        "supporting": ["MoFA"],
        "title_en": "Adopt the Policy on Engagement with Iraqis Abroad",
        "title_ar": "اعتماد سياسة التواصل مع العراقيين في الخارج",
        "title_ckb": "پەسەندکردنی سیاسەتی پەیوەندی لەگەڵ عێراقیانی دەرەوە",
        "description_en": (
            "Finalise the policy that sets how the state communicates with, serves and involves "
            "Iraqis abroad, after consultations with diaspora associations. The policy is "
            "submitted to the Council of Ministers for adoption with a three-year implementation "
            "plan."
        ),
        "description_ar": "استكمال السياسة التي تحدد كيفية تواصل الدولة مع العراقيين في الخارج وتقديم الخدمات لهم وإشراكهم، بعد التشاور مع جمعيات المغتربين. وتُرفع السياسة إلى مجلس الوزراء لإقرارها مع خطة تنفيذية مدتها ثلاث سنوات.",
        "stages": ["abroad", "return"],
        "priority": "high",
        "start": "2026-01-01",
        "due": "2026-12-31",
        "indicators": [],
    },
    {
        "code": "5.2",
        "pillar": 5,
        "lead": "MoFA",
        "supporting": ["MoP", "MoMD"],
        "title_en": "Diaspora registration through consulates",
        "title_ar": "تسجيل المغتربين عن طريق القنصليات",
        "title_ckb": "تۆمارکردنی دیاسپۆرا لە ڕێگەی کونسوڵخانەکانەوە",
        "description_en": (
            "Offer voluntary online and in-person registration of Iraqis abroad at embassies and "
            "consulates, with their consent and with data-protection safeguards. Anonymised "
            "statistics feed the migration dataset kept by the Ministry of Planning."
        ),
        "description_ar": "إتاحة التسجيل الطوعي للعراقيين في الخارج إلكترونياً وحضورياً في السفارات والقنصليات، بموافقتهم ومع ضمانات حماية البيانات. وتُرفَد قاعدة بيانات الهجرة لدى وزارة التخطيط بإحصاءات مجهولة الهوية.",
        "stages": ["abroad"],
        "priority": "medium",
        "start": "2026-06-01",
        "due": "2028-12-31",
        "indicators": [
            {
                "name_en": "Missions offering diaspora registration",
                "name_ar": "البعثات التي تتيح تسجيل المغتربين",
                "unit_en": "missions",
                "unit_ar": "بعثات",
                "name_ckb": "ئەو نوێنەرایەتییانەی تۆمارکردنی دیاسپۆرا پێشکەش دەکەن",
                "unit_ckb": "نوێنەرایەتی",
                "baseline": "3",
                "target": "40",
            },
        ],
    },
    {
        "code": "5.3",
        "pillar": 5,
        "lead": "MoHESR",
        "supporting": ["MoFA"],
        "title_en": "Temporary return of qualified Iraqis abroad to universities",
        "title_ar": "العودة المؤقتة للكفاءات العراقية في الخارج إلى الجامعات",
        "title_ckb": "گەڕانەوەی کاتیی شارەزایانی عێراقی لە دەرەوە بۆ زانکۆکان",
        "description_en": (
            "Invite Iraqi academics and specialists abroad to teach, supervise research or advise "
            "for short periods at Iraqi universities and teaching hospitals. A simple online roster "
            "matches their skills with institutions' requests."
        ),
        "description_ar": "دعوة الأكاديميين والمختصين العراقيين في الخارج إلى التدريس أو الإشراف على البحوث أو تقديم المشورة لمدد قصيرة في الجامعات والمستشفيات التعليمية العراقية. وتطابق قاعدة بيانات إلكترونية مبسطة بين مهاراتهم وطلبات المؤسسات.",
        "stages": ["abroad", "return"],
        "priority": "low",
        "start": "2027-01-01",
        "due": "2029-12-31",
        "indicators": [
            {
                "name_en": "Diaspora experts placed",
                "name_ar": "الخبراء المغتربون الذين تم استقطابهم",
                "unit_en": "experts",
                "unit_ar": "خبراء",
                "name_ckb": "شارەزایانی دیاسپۆرا کە دامەزرێنراون",
                "unit_ckb": "شارەزا",
                "baseline": "0",
                "target": "150",
            },
        ],
    },
    {
        "code": "5.4",
        "pillar": 5,
        "lead": "MoE",
        "supporting": [],
        "title_en": "Online Arabic and Kurdish language learning for children of Iraqis abroad",
        "title_ar": "تعليم اللغتين العربية والكوردية إلكترونياً لأبناء العراقيين في الخارج",
        "title_ckb": "فێرکردنی ئۆنلاینی زمانی عەرەبی و کوردی بۆ منداڵانی عێراقیانی دەرەوە",
        "description_en": (
            "Publish online lessons based on the national curriculum so that children of Iraqis "
            "abroad keep their languages and can return to school in Iraq without losing a year. "
            "Progress tests are recognised for grade placement on return."
        ),
        "description_ar": "نشر دروس إلكترونية مبنية على المنهج الوطني لتمكين أبناء العراقيين في الخارج من الحفاظ على لغتهم والعودة إلى المدارس في العراق دون خسارة سنة دراسية. وتُعتمد اختبارات قياس التقدم لتحديد الصف عند العودة.",
        "stages": ["abroad", "return"],
        "priority": "low",
        "start": "2027-09-01",
        "due": "2029-12-31",
        "indicators": [],
    },
    {
        "code": "5.5",
        "pillar": 5,
        "lead": "MoP",
        "supporting": [],
        "title_en": "Study on remittances and diaspora investment for development",
        "title_ar": "دراسة عن التحويلات المالية واستثمارات المغتربين لأغراض التنمية",
        "title_ckb": "توێژینەوە لەسەر حەواڵە داراییەکان و وەبەرهێنانی دیاسپۆرا بۆ گەشەپێدان",
        "description_en": (
            "Estimate the volume, cost and uses of remittances to Iraq and identify the barriers "
            "to diaspora investment. The recommendations feed the next National Development Plan."
        ),
        "description_ar": "تقدير حجم التحويلات المالية إلى العراق وكلفتها وأوجه استخدامها، وتحديد العوائق أمام استثمارات المغتربين. وتُدرج التوصيات في خطة التنمية الوطنية المقبلة.",
        "stages": ["abroad"],
        "priority": "low",
        "start": "2027-04-01",
        "due": "2028-03-31",
        "indicators": [],
    },
    {
        "code": "5.6",
        "pillar": 5,
        "lead": "MoFA",
        "supporting": [],
        "title_en": "Annual Iraqi diaspora forum on investment and skills",
        "title_ar": "الملتقى السنوي للمغتربين العراقيين بشأن الاستثمار والمهارات",
        "title_ckb": "کۆڕی ساڵانەی دیاسپۆرای عێراقی بۆ وەبەرهێنان و لێهاتوویی",
        "description_en": (
            "Organise a yearly forum, alternating between Baghdad and Erbil, where diaspora "
            "investors, professionals and associations meet ministries and the private sector. "
            "Each forum ends with commitments that the secretariat follows up."
        ),
        "description_ar": "تنظيم ملتقى سنوي يُعقد بالتناوب بين بغداد وأربيل يجمع المستثمرين والمهنيين والجمعيات من المغتربين مع الوزارات والقطاع الخاص. ويُختتم كل ملتقى بالتزامات تتابعها الأمانة.",
        "stages": ["abroad"],
        "priority": "medium",
        "start": "2027-01-01",
        "due": "2030-12-31",
        "indicators": [],
    },
    # ---- Pillar 6: Migration, environment, climate and crises ---------------------------------
    {
        "code": "6.1",
        "pillar": 6,
        "lead": "MoMD",
        "supporting": ["MoP"],
        "title_en": "Climate-induced displacement in disaster-risk plans",
        "title_ar": "إدراج النزوح الناجم عن تغير المناخ في خطط الحد من مخاطر الكوارث",
        "title_ckb": "لەخۆگرتنی ئاوارەبوونی ناشی لە گۆڕانی کەشوهەوا لە پلانەکانی کەمکردنەوەی "
        "مەترسیی کارەسات",
        "description_en": (
            "Include displacement caused by drought, water scarcity, floods and dust storms in "
            "national and governorate disaster-risk reduction plans. The plans set triggers for "
            "early action and the role of each ministry."
        ),
        "description_ar": "إدراج النزوح الناجم عن الجفاف وشح المياه والفيضانات والعواصف الترابية في الخطط الوطنية وخطط المحافظات للحد من مخاطر الكوارث. وتحدد الخطط مؤشرات الإنذار للتدخل المبكر وأدوار كل وزارة.",
        "stages": ["departure", "return"],
        "priority": "medium",
        "start": "2026-06-01",
        "due": "2028-12-31",
        "indicators": [
            {
                "name_en": "Governorate disaster-risk plans covering climate displacement",
                "name_ar": "خطط المحافظات للحد من مخاطر الكوارث التي تشمل النزوح المناخي",
                "unit_en": "governorates",
                "unit_ar": "محافظات",
                "name_ckb": "پلانەکانی کەمکردنەوەی مەترسیی کارەساتی پارێزگاکان کە ئاوارەبوونی کەشوهەوایی دەگرنەوە",
                "unit_ckb": "پارێزگا",
                "baseline": "0",
                "target": "10",
            },
        ],
    },
    {
        "code": "6.2",
        "pillar": 6,
        "lead": "JCC",
        "supporting": ["KRG-MoI", "MoMD"],
        "title_en": "Contingency plan for mass displacement in the Kurdistan Region",
        "title_ar": "خطة طوارئ لحالات النزوح الجماعي في إقليم كوردستان",
        "title_ckb": "پلانی فریاکەوتن بۆ ئاوارەبوونی بەکۆمەڵ لە هەرێمی کوردستان",
        "description_en": (
            "Update the contingency plan for sudden arrivals of displaced people and refugees, "
            "covering reception sites, registration, shelter and health. The plan is tested in a "
            "joint simulation exercise with federal authorities."
        ),
        "description_ar": "تحديث خطة الطوارئ الخاصة بالوصول المفاجئ للنازحين واللاجئين، بما يشمل مواقع الاستقبال والتسجيل والإيواء والصحة. وتُختبر الخطة في تمرين محاكاة مشترك مع السلطات الاتحادية.",
        "stages": ["departure", "transit"],
        "priority": "high",
        "start": "2026-02-01",
        "due": "2026-12-15",
        "indicators": [
            {
                "name_en": "Governorates with a tested contingency plan",
                "name_ar": "المحافظات التي لديها خطة طوارئ مختبرة",
                "unit_en": "governorates",
                "unit_ar": "محافظات",
                "name_ckb": "ئەو پارێزگایانەی پلانی فریاکەوتنی تاقیکراوەیان هەیە",
                "unit_ckb": "پارێزگا",
                "baseline": "0",
                "target": "4",
            },
        ],
    },
    {
        "code": "6.3",
        "pillar": 6,
        "lead": "MoP",
        "supporting": ["MoMD"],
        "title_en": "Early-warning data on climate-induced displacement in southern governorates",
        "title_ar": "بيانات الإنذار المبكر عن النزوح الناجم عن تغير المناخ في المحافظات الجنوبية",
        "title_ckb": "داتای ئاگادارکردنەوەی زوو لەسەر ئاوارەبوونی ناشی لە گۆڕانی کەشوهەوا لە "
        "پارێزگاکانی باشوور",
        "description_en": (
            "Combine rainfall, water-level, crop and displacement data into a quarterly bulletin "
            "on areas at risk of climate-induced displacement, starting with Basra, Dhi Qar, "
            "Maysan and Muthanna. The bulletin is shared with the governorates and the "
            "Coordination Body."
        ),
        "description_ar": "دمج بيانات الأمطار ومناسيب المياه والمحاصيل والنزوح في نشرة فصلية عن المناطق المعرضة لخطر النزوح المناخي، بدءاً بمحافظات البصرة وذي قار وميسان والمثنى. وتُعمَّم النشرة على المحافظات وهيئة التنسيق.",
        "stages": ["departure"],
        "priority": "medium",
        "start": "2026-10-01",
        "due": "2030-06-30",
        "indicators": [
            {
                "name_en": "Quarterly early-warning bulletins published",
                "name_ar": "نشرات الإنذار المبكر الفصلية المنشورة",
                "unit_en": "bulletins",
                "unit_ar": "نشرات",
                "name_ckb": "بڵاوکراوە چارەکییەکانی ئاگادارکردنەوەی پێشوەختە کە بڵاوکراونەتەوە",
                "unit_ckb": "بڵاوکراوە",
                "baseline": "0",
                "target": "16",
            },
        ],
    },
    {
        "code": "6.4",
        "pillar": 6,
        "lead": "MoH",
        "supporting": ["JCC"],
        "title_en": "Health emergency preparedness for displacement crises",
        "title_ar": "التأهب الصحي للطوارئ في أزمات النزوح",
        "title_ckb": "ئامادەباشیی تەندروستی بۆ فریاکەوتن لە قەیرانەکانی ئاوارەبوون",
        "description_en": (
            "Pre-position medicines and mobile clinics and train rapid response teams for disease "
            "outbreaks in camps and reception sites. Disease surveillance covers displaced and host "
            "communities alike."
        ),
        "description_ar": "التخزين المسبق للأدوية والعيادات المتنقلة وتدريب فرق الاستجابة السريعة لمواجهة تفشي الأمراض في المخيمات ومواقع الاستقبال. ويشمل الترصد الوبائي النازحين والمجتمعات المضيفة على حد سواء.",
        "stages": ["transit", "return"],
        "priority": "medium",
        "start": "2027-01-01",
        "due": "2028-12-31",
        "indicators": [],
    },
    {
        "code": "6.5",
        "pillar": 6,
        "lead": "KRG-MoI",
        "supporting": [],
        "title_en": "Civil documentation for displaced persons in the Kurdistan Region",
        "title_ar": "توثيق الأحوال المدنية للنازحين في إقليم كوردستان",
        "title_ckb": "بەڵگەنامەی باری شارستانی بۆ ئاوارەکان لە هەرێمی کوردستان",
        "description_en": (
            "Send mobile documentation teams to camps and informal sites so that displaced persons "
            "can obtain or renew identity and civil status documents. Missing documents are a main "
            "obstacle to return, work and schooling."
        ),
        "description_ar": "تسيير فرق توثيق جوالة إلى المخيمات والمواقع غير الرسمية لتمكين النازحين من استحصال وثائق الهوية والأحوال المدنية أو تجديدها، إذ يمثل فقدان الوثائق عائقاً رئيساً أمام العودة والعمل والتعليم.",
        "stages": ["return"],
        "priority": "medium",
        "start": "2026-09-01",
        "due": "2027-12-31",
        "indicators": [],
    },
    {
        "code": "6.6",
        "pillar": 6,
        "lead": "MoE",
        "supporting": [],
        "title_en": "Education continuity for children displaced by climate and crises",
        "title_ar": "استمرارية التعليم للأطفال النازحين بسبب المناخ والأزمات",
        "title_ckb": "بەردەوامیی خوێندن بۆ ئەو منداڵانەی بەهۆی کەشوهەوا و قەیرانەکانەوە ئاوارە "
        "بوون",
        "description_en": (
            "Allow displaced children to enrol in the nearest school without waiting for transfer "
            "papers, and provide temporary learning spaces where schools are full. Teachers receive "
            "guidance on supporting children affected by displacement."
        ),
        "description_ar": "السماح للأطفال النازحين بالتسجيل في أقرب مدرسة دون انتظار وثائق النقل، وتوفير أماكن تعلّم مؤقتة حيث تكون المدارس مكتظة. ويحصل المعلمون على توجيهات لدعم الأطفال المتأثرين بالنزوح.",
        "stages": ["departure", "return"],
        "priority": "low",
        "start": "2027-09-01",
        "due": "2029-12-31",
        "indicators": [],
    },
    {
        "code": "6.7",
        "pillar": 6,
        "lead": "ONSA",
        "supporting": ["COMSEC", "MoMD", "JCC"],
        "title_en": "Crisis coordination protocol for sudden migration and displacement flows",
        "title_ar": "بروتوكول تنسيق الأزمات لمواجهة موجات الهجرة والنزوح المفاجئة",
        "title_ckb": "پرۆتۆکۆڵی هەماهەنگیی قەیران بۆ شەپۆلەکانی کۆچ و ئاوارەبوونی لەناکاو",
        "description_en": (
            "Define when and how the Coordination Body meets in emergency session during a sudden "
            "cross-border or internal displacement crisis, and who leads each task. The protocol "
            "links the security, humanitarian and border responses."
        ),
        "description_ar": "تحديد متى وكيف تنعقد هيئة التنسيق في جلسة طارئة عند حدوث أزمة نزوح مفاجئة عبر الحدود أو داخل البلاد، والجهة التي تقود كل مهمة. ويربط البروتوكول بين الاستجابات الأمنية والإنسانية والحدودية.",
        "stages": ["transit", "return"],
        "priority": "high",
        "start": "2027-01-01",
        "due": "2027-12-31",
        "indicators": [],
    },
]

# ---------------------------------------------------------------------------------------------
# Progress-report texts ({action} is replaced by the action title)
# ---------------------------------------------------------------------------------------------
NARRATIVES = {
    "on_track": {
        "en": [
            "Work on {action} is progressing according to the work plan; the activities "
            "planned for this quarter were completed.",
            "{action}: the lead and supporting ministries met as scheduled and the main "
            "milestone for the period was reached.",
            "Implementation of {action} remains on track; the technical draft was shared with "
            "partners and their comments are being incorporated.",
        ],
        "ar": [
            "يسير العمل على الإجراء «{action}» وفق خطة العمل، وقد أُنجزت الأنشطة المخطط لها لهذا الربع.",
            "الإجراء «{action}»: عقدت الوزارة القائدة والوزارات الساندة اجتماعاتها في مواعيدها، وتحقق المعلم الرئيس المقرر لهذه المدة.",
            "لا يزال تنفيذ الإجراء «{action}» على المسار، إذ عُمِّمت المسودة الفنية على الشركاء ويجري إدراج ملاحظاتهم.",
        ],
    },
    "at_risk": {
        "en": [
            "{action} is at risk: this year's budget allocation has not yet been released, "
            "which may delay the next milestone.",
            "Progress on {action} has slowed because inputs from a supporting ministry are "
            "still awaited; the next milestone may slip by one quarter.",
            "{action} faces a risk of delay after staff changes in the technical team; the "
            "nomination of a new focal point has been requested.",
        ],
        "ar": [
            "الإجراء «{action}» معرض للخطر، إذ لم تُطلق التخصيصات المالية لهذا العام بعد، مما قد يؤخر المعلم المقبل.",
            "تباطأ التقدم في الإجراء «{action}» بسبب انتظار مدخلات إحدى الوزارات الساندة، وقد يتأخر المعلم المقبل ربع سنة.",
            "يواجه الإجراء «{action}» خطر التأخير بسبب تغييرات في الفريق الفني، وقد طُلبت تسمية ضابط ارتباط جديد.",
        ],
    },
    "delayed": {
        "en": [
            "{action} is delayed: the milestone planned for this quarter was not met and a "
            "revised timeline will be proposed to the next plenary.",
            "{action} is behind schedule because the draft is still awaiting approval by the "
            "competent authority.",
            "Implementation of {action} has been put on hold until the data-sharing agreement "
            "with the partner ministries is signed.",
        ],
        "ar": [
            "الإجراء «{action}» متأخر، إذ لم يتحقق المعلم المخطط لهذا الربع، وسيُقترح جدول زمني معدّل على الاجتماع العام المقبل.",
            "الإجراء «{action}» متأخر عن الجدول الزمني لأن المسودة لا تزال بانتظار مصادقة الجهة المختصة.",
            "أُرجئ تنفيذ الإجراء «{action}» لحين توقيع اتفاق تبادل البيانات مع الوزارات الشريكة.",
        ],
    },
    "completed": {
        "en": [
            "{action} has been completed; the final output was approved and circulated to all "
            "member ministries.",
            "{action} was completed within the planned period; evidence of completion is "
            "attached to this report.",
            "All activities under {action} are finished; the lead ministry will now monitor "
            "the use of the results.",
        ],
        "ar": [
            "أُنجز الإجراء «{action}»، وصودق على المخرج النهائي وعُمِّم على جميع الوزارات الأعضاء.",
            "أُنجز الإجراء «{action}» ضمن المدة المخطط لها، وأُرفقت أدلة الإنجاز بهذا التقرير.",
            "اكتملت جميع الأنشطة الخاصة بالإجراء «{action}»، وستتابع الوزارة القائدة استخدام النتائج.",
        ],
    },
    "not_started": {
        "en": [
            "{action} has not started yet; preparatory work will begin next quarter as planned.",
            "{action} has not started because the lead ministry is waiting for confirmation of "
            "its focal point's nomination.",
            "There was no activity on {action} this period; the start depends on the completion "
            "of a related action.",
        ],
        "ar": [
            "لم يبدأ العمل على الإجراء «{action}» بعد، وستنطلق الأعمال التحضيرية في الربع المقبل وفق الخطة.",
            "لم يبدأ الإجراء «{action}» لأن الوزارة القائدة بانتظار تأكيد تسمية ضابط الارتباط.",
            "لم تُنفَّذ أي أنشطة ضمن الإجراء «{action}» خلال هذه المدة، إذ يتوقف البدء على إنجاز إجراء مرتبط به.",
        ],
    },
}

CHALLENGES = {
    "en": [
        "Budget release for the activity delayed",
        "Data-sharing agreement pending signature",
        "Focal point replaced; handover not complete",
        "Comments from a supporting ministry still awaited",
        "Procurement of equipment delayed",
    ],
    "ar": [
        "تأخر إطلاق التخصيصات المالية للنشاط",
        "اتفاق تبادل البيانات بانتظار التوقيع",
        "تغيير ضابط الارتباط وعدم اكتمال التسليم والتسلم",
        "لا تزال ملاحظات إحدى الوزارات الساندة قيد الانتظار",
        "تأخر إجراءات التعاقد لشراء المعدات",
    ],
}

SUPPORT_NEEDED = {
    "en": [
        "The Coordination Body is asked to approach the Ministry of Finance to release the "
        "allocated budget.",
        "The secretariat is asked to convene a technical meeting with the supporting "
        "ministries to agree the next steps.",
        "The Ministry of Interior is asked to nominate a technical expert to the joint committee.",
        "The Coordination Body is asked to follow up the signature of the data-sharing "
        "agreement at its next plenary.",
    ],
    "ar": [
        "يُرجى من هيئة التنسيق مفاتحة وزارة المالية لإطلاق التخصيصات المالية المرصودة.",
        "يُرجى من الأمانة الدعوة إلى اجتماع فني مع الوزارات الساندة للاتفاق على الخطوات المقبلة.",
        "يُرجى من وزارة الداخلية تسمية خبير فني لعضوية اللجنة المشتركة.",
        "يُرجى من هيئة التنسيق متابعة توقيع اتفاق تبادل البيانات في اجتماعها العام المقبل.",
    ],
}

# ---------------------------------------------------------------------------------------------
# Meetings, agendas and decisions
# ---------------------------------------------------------------------------------------------
MEETINGS = [
    {
        "body": "HCB",
        "title_en": "First quarterly plenary of the High-level Coordination Body, 2026",
        "title_ar": "الاجتماع الفصلي الأول لهيئة التنسيق العليا لعام 2026",
        "start": "2026-03-18T10:00",
        "location_en": "General Secretariat of the Council of Ministers, Baghdad",
        "location_ar": "الأمانة العامة لمجلس الوزراء، بغداد",
        "status": "held",
        "invited": [
            "MoMD",
            "MoI",
            "MoFA",
            "MoLSA",
            "MoP",
            "MoJ",
            "MoH",
            "MoE",
            "MoHESR",
            "ONSA",
            "BPC",
            "COMSEC",
            "KRG-MoI",
            "JCC",
        ],
        "agenda": [
            {
                "title_en": "Presentation of the National Strategy for Migration Management "
                "2026-2030",
                "title_ar": "عرض الاستراتيجية الوطنية لإدارة الهجرة 2026-2030",
                "kind": "information",
                "presenter": "MoMD",
                "minutes": 25,
                "actions": [],
            },
            {
                "title_en": "Draft terms of reference and rules of procedure of the Body",
                "title_ar": "مسودة الإطار المرجعي والنظام الداخلي للهيئة",
                "kind": "decision",
                "presenter": "COMSEC",
                "minutes": 30,
                "actions": ["1.1"],
            },
            {
                "title_en": "Designation of focal points and set-up of the secretariat",
                "title_ar": "تسمية ضباط الارتباط وتأسيس الأمانة",
                "kind": "decision",
                "presenter": "COMSEC",
                "minutes": 20,
                "actions": ["1.3"],
            },
            {
                "title_en": "Quarterly reporting calendar for 2026 and use of the IMAG Portal",
                "title_ar": "الجدول الفصلي لتقديم التقارير لعام 2026 واستخدام بوابة IMAG",
                "kind": "discussion",
                "presenter": "COMSEC",
                "minutes": 20,
                "actions": [],
            },
        ],
        "decisions": [
            {
                "code": "HCB/2026/01",
                "item": 1,
                "text_en": "The Body approved the terms of reference and rules of procedure with the "
                "amendments agreed in the meeting, and asked the secretariat to submit "
                "them to the Council of Ministers.",
                "text_ar": "صادقت الهيئة على الإطار المرجعي والنظام الداخلي مع التعديلات المتفق عليها خلال الاجتماع، وكلّفت الأمانة برفعهما إلى مجلس الوزراء.",
                "responsible": ["COMSEC"],
                "due": "2026-04-30",
                "follow_up_status": "done",
            },
            {
                "code": "HCB/2026/02",
                "item": 2,
                "text_en": "Member ministries and bodies that have not yet done so shall name a focal "
                "point and an alternate by official letter to the secretariat within "
                "30 days.",
                "text_ar": "تتولى الوزارات والجهات الأعضاء التي لم تسمِّ ضباط ارتباطها بعد تسمية ضابط ارتباط وبديل عنه بكتاب رسمي موجه إلى الأمانة خلال ثلاثين يوماً.",
                "responsible": [
                    "MoJ",
                    "MoH",
                    "MoE",
                    "MoHESR",
                    "ONSA",
                    "BPC",
                    "COMSEC",
                    "KRG-MoI",
                    "JCC",
                ],
                "due": "2026-04-17",
                "follow_up_status": "done",
            },
            {
                "code": "HCB/2026/03",
                "item": 3,
                "text_en": "First-quarter progress reports shall be submitted through the portal by "
                "15 April 2026; the secretariat shall train the focal points beforehand.",
                "text_ar": "تُقدَّم تقارير التقدم عن الربع الأول عبر البوابة في موعد أقصاه 15 نيسان 2026، وتتولى الأمانة تدريب ضباط الارتباط قبل ذلك.",
                "responsible": ["COMSEC"],
                "due": "2026-04-15",
                "follow_up_status": "done",
            },
        ],
    },
    {
        "body": "HCB",
        "title_en": "Second quarterly plenary of the High-level Coordination Body, 2026",
        "title_ar": "الاجتماع الفصلي الثاني لهيئة التنسيق العليا لعام 2026",
        "start": "2026-06-17T10:00",
        "location_en": "General Secretariat of the Council of Ministers, Baghdad",
        "location_ar": "الأمانة العامة لمجلس الوزراء، بغداد",
        "status": "held",
        "invited": [
            "MoMD",
            "MoI",
            "MoFA",
            "MoLSA",
            "MoP",
            "MoJ",
            "MoH",
            "MoE",
            "MoHESR",
            "ONSA",
            "BPC",
            "COMSEC",
            "KRG-MoI",
            "JCC",
        ],
        "agenda": [
            {
                "title_en": "Matters arising from the previous meeting",
                "title_ar": "متابعة مقررات الاجتماع السابق",
                "kind": "information",
                "presenter": "COMSEC",
                "minutes": 10,
                "actions": [],
            },
            {
                "title_en": "First-quarter progress report on the strategy",
                "title_ar": "تقرير التقدم عن الربع الأول في تنفيذ الاستراتيجية",
                "kind": "information",
                "presenter": "COMSEC",
                "minutes": 20,
                "actions": ["1.1", "1.3"],
            },
            {
                "title_en": "Draft inter-ministerial migration data-sharing protocol",
                "title_ar": "مسودة بروتوكول تبادل بيانات الهجرة بين الوزارات",
                "kind": "discussion",
                "presenter": "MoP",
                "minutes": 30,
                "actions": ["1.2"],
            },
            {
                "title_en": "Status of the National Integrated Border Management Strategy",
                "title_ar": "موقف الاستراتيجية الوطنية للإدارة المتكاملة للحدود",
                "kind": "discussion",
                "presenter": "ONSA",
                "minutes": 25,
                "actions": ["3.1"],
            },
            {
                "title_en": "Extension of the electronic return case management system",
                "title_ar": "توسيع نظام إدارة حالات العائدين الإلكتروني",
                "kind": "decision",
                "presenter": "MoMD",
                "minutes": 25,
                "actions": ["4.1"],
            },
        ],
        "decisions": [
            {
                "code": "HCB/2026/04",
                "item": 2,
                "text_en": "The Ministry of Planning shall circulate the revised draft protocol, and "
                "the supporting ministries shall send written comments within 30 days.",
                "text_ar": "تعمّم وزارة التخطيط مسودة البروتوكول المعدّلة، وتقدّم الوزارات الساندة ملاحظاتها التحريرية خلال ثلاثين يوماً.",
                "responsible": ["MoP", "MoI", "MoMD", "MoLSA"],
                "due": "2026-08-31",
                "follow_up_status": "in_progress",
            },
            {
                "code": "HCB/2026/05",
                "item": 3,
                "text_en": "The Office of the National Security Adviser shall hold the validation "
                "workshop on the border management strategy and submit the final text to "
                "the Council of Ministers.",
                "text_ar": "تعقد مستشارية الأمن القومي ورشة المصادقة الفنية على استراتيجية إدارة الحدود وترفع النص النهائي إلى مجلس الوزراء.",
                "responsible": ["ONSA", "MoI", "BPC"],
                "due": "2026-09-30",
                "follow_up_status": "blocked",
            },
            {
                "code": "HCB/2026/06",
                "item": 4,
                "text_en": "The Body approved the extension of the system to six more governorates, "
                "including Erbil, Duhok and Sulaymaniyah; the Ministry of Migration and "
                "Displacement and the Kurdistan Region Ministry of Interior shall sign a "
                "data-access arrangement.",
                "text_ar": "وافقت الهيئة على توسيع النظام ليشمل ست محافظات إضافية منها أربيل ودهوك والسليمانية، على أن توقّع وزارة الهجرة والمهجرين ووزارة الداخلية في إقليم كوردستان ترتيباً للوصول إلى البيانات.",
                "responsible": ["MoMD", "KRG-MoI"],
                "due": "2026-10-31",
                "follow_up_status": "pending",
            },
            {
                "code": "HCB/2026/07",
                "item": 1,
                "text_en": "The secretariat shall remind the ministries that did not submit "
                "first-quarter reports and report on compliance at the next meeting.",
                "text_ar": "تخاطب الأمانة الوزارات التي لم تقدّم تقارير الربع الأول وتعرض موقف الالتزام في الاجتماع المقبل.",
                "responsible": ["COMSEC"],
                "due": "2026-07-15",
                "follow_up_status": "done",
            },
        ],
    },
    {
        "body": "HCB",
        "title_en": "Third quarterly plenary of the High-level Coordination Body, 2026",
        "title_ar": "الاجتماع الفصلي الثالث لهيئة التنسيق العليا لعام 2026",
        "start": "2026-09-16T10:00",
        "location_en": "General Secretariat of the Council of Ministers, Baghdad",
        "location_ar": "الأمانة العامة لمجلس الوزراء، بغداد",
        "status": "held",
        "invited": [
            "MoMD",
            "MoI",
            "MoFA",
            "MoLSA",
            "MoP",
            "MoJ",
            "MoH",
            "MoE",
            "MoHESR",
            "ONSA",
            "BPC",
            "COMSEC",
            "KRG-MoI",
            "JCC",
        ],
        "agenda": [
            {
                "title_en": "Matters arising from the previous meeting",
                "title_ar": "متابعة مقررات الاجتماع السابق",
                "kind": "information",
                "presenter": "COMSEC",
                "minutes": 15,
                "actions": [],
            },
            {
                "title_en": "Actions at risk or delayed in the second-quarter reports",
                "title_ar": "الإجراءات المعرضة للخطر أو المتأخرة في تقارير الربع الثاني",
                "kind": "discussion",
                "presenter": "COMSEC",
                "minutes": 30,
                "actions": ["3.1", "1.5", "2.1"],
            },
            {
                "title_en": "Standard procedures to identify and refer victims of trafficking",
                "title_ar": "إجراءات العمل الموحدة لتحديد ضحايا الاتجار بالبشر وإحالتهم",
                "kind": "decision",
                "presenter": "MoI",
                "minutes": 25,
                "actions": ["3.2"],
            },
            {
                "title_en": "Draft Policy on Engagement with Iraqis Abroad",
                "title_ar": "مسودة سياسة التواصل مع العراقيين في الخارج",
                "kind": "discussion",
                "presenter": "MoMD",
                "minutes": 25,
                "actions": ["5.1", "5.2"],
            },
            {
                "title_en": "Climate-induced displacement in the southern governorates",
                "title_ar": "النزوح الناجم عن تغير المناخ في المحافظات الجنوبية",
                "kind": "information",
                "presenter": "MoMD",
                "minutes": 15,
                "actions": ["6.1", "6.3"],
            },
        ],
        "decisions": [
            {
                "code": "HCB/2026/08",
                "item": 1,
                "text_en": "The Ministry of Labour and Social Affairs and the Ministry of Interior "
                "shall form a joint technical committee to link work permits to residency "
                "records and report back at the next meeting.",
                "text_ar": "تشكّل وزارة العمل والشؤون الاجتماعية ووزارة الداخلية لجنة فنية مشتركة لربط إجازات العمل بسجلات الإقامة، وتعرض نتائج أعمالها في الاجتماع المقبل.",
                "responsible": ["MoLSA", "MoI"],
                "due": "2026-11-15",
                "follow_up_status": "in_progress",
            },
            {
                "code": "HCB/2026/09",
                "item": 2,
                "text_en": "The Body endorsed the standard procedures and asked the Ministry of "
                "Interior to submit them to the Central Committee to Combat Trafficking in "
                "Persons for adoption and circulation to all governorates.",
                "text_ar": "أيّدت الهيئة إجراءات العمل الموحدة، وكلّفت وزارة الداخلية برفعها إلى اللجنة المركزية لمكافحة الاتجار بالبشر لاعتمادها وتعميمها على جميع المحافظات.",
                "responsible": ["MoI", "MoJ", "KRG-MoI"],
                "due": "2026-12-31",
                "follow_up_status": "in_progress",
            },
            {
                "code": "HCB/2026/10",
                "item": 3,
                "text_en": "The Ministry of Foreign Affairs shall send its written comments on the "
                "draft policy within three weeks, so that the final text can be presented "
                "for adoption at the December plenary.",
                "text_ar": "تقدّم وزارة الخارجية ملاحظاتها التحريرية على مسودة السياسة خلال ثلاثة أسابيع، ليُعرض النص النهائي للإقرار في اجتماع كانون الأول.",
                "responsible": ["MoFA", "MoMD"],
                "due": "2026-10-07",
                "follow_up_status": "done",
            },
            {
                "code": "HCB/2026/11",
                "item": 4,
                "text_en": "The Ministry of Planning and the Ministry of Migration and Displacement "
                "shall present joint displacement data for the southern governorates at "
                "the next plenary.",
                "text_ar": "تعرض وزارة التخطيط ووزارة الهجرة والمهجرين بيانات مشتركة عن النزوح في المحافظات الجنوبية في الاجتماع العام المقبل.",
                "responsible": ["MoP", "MoMD"],
                "due": "2026-12-16",
                "follow_up_status": "pending",
            },
        ],
    },
    {
        "body": "HCB",
        "title_en": "Fourth quarterly plenary of the High-level Coordination Body, 2026",
        "title_ar": "الاجتماع الفصلي الرابع لهيئة التنسيق العليا لعام 2026",
        "start": "2026-12-16T10:00",
        "location_en": "General Secretariat of the Council of Ministers, Baghdad",
        "location_ar": "الأمانة العامة لمجلس الوزراء، بغداد",
        "status": "planned",
        "invited": [
            "MoMD",
            "MoI",
            "MoFA",
            "MoLSA",
            "MoP",
            "MoJ",
            "MoH",
            "MoE",
            "MoHESR",
            "ONSA",
            "BPC",
            "COMSEC",
            "KRG-MoI",
            "JCC",
        ],
        "agenda": [
            {
                "title_en": "Matters arising and follow-up of decisions",
                "title_ar": "متابعة مقررات الاجتماعات السابقة",
                "kind": "information",
                "presenter": "COMSEC",
                "minutes": 20,
                "actions": [],
            },
            {
                "title_en": "Third-quarter progress report and dashboard",
                "title_ar": "تقرير التقدم عن الربع الثالث ولوحة المتابعة",
                "kind": "discussion",
                "presenter": "COMSEC",
                "minutes": 25,
                "actions": ["1.2", "1.5", "3.1"],
            },
            {
                "title_en": "Adoption of the Policy on Engagement with Iraqis Abroad",
                "title_ar": "إقرار سياسة التواصل مع العراقيين في الخارج",
                "kind": "decision",
                "presenter": "MoMD",
                "minutes": 30,
                "actions": ["5.1"],
            },
            {
                "title_en": "Displacement data for the southern governorates",
                "title_ar": "بيانات النزوح في المحافظات الجنوبية",
                "kind": "information",
                "presenter": "MoP",
                "minutes": 20,
                "actions": ["6.3", "6.1"],
            },
            {
                "title_en": "Work plan and reporting calendar for 2027",
                "title_ar": "خطة العمل وجدول تقديم التقارير لعام 2027",
                "kind": "decision",
                "presenter": "COMSEC",
                "minutes": 20,
                "actions": [],
            },
        ],
        "decisions": [],
    },
    {
        "body": "TWG",
        "title_en": "Technical Working Group: review of third-quarter reports",
        "title_ar": "اجتماع فريق العمل الفني لمراجعة تقارير الربع الثالث",
        "start": "2026-10-21T09:30",
        "location_en": "Ministry of Migration and Displacement, Baghdad",
        "location_ar": "وزارة الهجرة والمهجرين، بغداد",
        "status": "held",
        "invited": [
            "MoMD",
            "MoI",
            "MoFA",
            "MoLSA",
            "MoP",
            "MoJ",
            "MoH",
            "MoE",
            "MoHESR",
            "ONSA",
            "BPC",
            "COMSEC",
            "KRG-MoI",
            "JCC",
        ],
        "agenda": [
            {
                "title_en": "Review of third-quarter progress reports",
                "title_ar": "مراجعة تقارير التقدم عن الربع الثالث",
                "kind": "discussion",
                "presenter": "COMSEC",
                "minutes": 40,
                "actions": [],
            },
            {
                "title_en": "Technical annex of the data-sharing protocol",
                "title_ar": "الملحق الفني لبروتوكول تبادل البيانات",
                "kind": "discussion",
                "presenter": "MoP",
                "minutes": 30,
                "actions": ["1.2"],
            },
            {
                "title_en": "Linking the return case management system with Kurdistan Region records",
                "title_ar": "ربط نظام إدارة حالات العائدين بسجلات إقليم كوردستان",
                "kind": "discussion",
                "presenter": "MoMD",
                "minutes": 30,
                "actions": ["4.1", "1.5"],
            },
            {
                "title_en": "Preparation of the December plenary",
                "title_ar": "التحضير لاجتماع كانون الأول العام",
                "kind": "decision",
                "presenter": "COMSEC",
                "minutes": 20,
                "actions": ["5.1"],
            },
        ],
        "decisions": [
            {
                "code": "TWG/2026/01",
                "item": 1,
                "text_en": "The Ministry of Planning, through the Central Statistical Organization, "
                "shall circulate the data dictionary for the protocol annex by "
                "15 November 2026.",
                "text_ar": "تعمّم وزارة التخطيط، عن طريق الجهاز المركزي للإحصاء، قاموس البيانات الخاص بملحق البروتوكول في موعد أقصاه 15 تشرين الثاني 2026.",
                "responsible": ["MoP"],
                "due": "2026-11-15",
                "follow_up_status": "in_progress",
            },
            {
                "code": "TWG/2026/02",
                "item": 2,
                "text_en": "The Ministry of Migration and Displacement, the Kurdistan Region Ministry "
                "of Interior and the Joint Crisis Coordination Centre shall agree the data "
                "fields to be exchanged between the two systems.",
                "text_ar": "تتفق وزارة الهجرة والمهجرين ووزارة الداخلية في إقليم كوردستان ومركز التنسيق المشترك للأزمات على حقول البيانات التي يجري تبادلها بين النظامين.",
                "responsible": ["MoMD", "KRG-MoI", "JCC"],
                "due": "2026-11-30",
                "follow_up_status": "in_progress",
            },
            {
                "code": "TWG/2026/03",
                "item": 3,
                "text_en": "The secretariat shall circulate the draft agenda and supporting documents "
                "of the December plenary at least two weeks in advance.",
                "text_ar": "تعمّم الأمانة مسودة جدول الأعمال والوثائق الداعمة لاجتماع كانون الأول قبل موعده بأسبوعين في الأقل.",
                "responsible": ["COMSEC"],
                "due": "2026-12-02",
                "follow_up_status": "pending",
            },
        ],
    },
    {
        "body": "TF-RET",
        "title_en": "Return and Reintegration Taskforce: referrals and durable solutions",
        "title_ar": "اجتماع فريق المهام الخاص بالعودة وإعادة الإدماج بشأن الإحالة والحلول الدائمة",
        "start": "2026-11-04T10:00",
        "location_en": "Joint Crisis Coordination Centre, Erbil",
        "location_ar": "مركز التنسيق المشترك للأزمات، أربيل",
        "status": "held",
        "invited": ["MoMD", "MoI", "MoLSA", "MoH", "MoE", "MoJ", "KRG-MoI", "JCC"],
        "agenda": [
            {
                "title_en": "Referral pathways and response times in the National Referral Mechanism",
                "title_ar": "مسارات الإحالة ومدد الاستجابة في آلية الإحالة الوطنية",
                "kind": "discussion",
                "presenter": "MoMD",
                "minutes": 30,
                "actions": ["4.2"],
            },
            {
                "title_en": "Placement tests for returnee children",
                "title_ar": "اختبارات تحديد المستوى لأطفال العائدين",
                "kind": "discussion",
                "presenter": "MoE",
                "minutes": 25,
                "actions": ["4.3"],
            },
            {
                "title_en": "Durable solutions for families remaining in camps",
                "title_ar": "الحلول الدائمة للأسر المتبقية في المخيمات",
                "kind": "decision",
                "presenter": "JCC",
                "minutes": 30,
                "actions": ["4.7", "6.5"],
            },
        ],
        "decisions": [
            {
                "code": "TF-RET/2026/01",
                "item": 0,
                "text_en": "The Ministry of Health and the Ministry of Labour and Social Affairs shall "
                "name a contact person for referrals in each governorate.",
                "text_ar": "تسمّي وزارة الصحة ووزارة العمل والشؤون الاجتماعية جهة اتصال للإحالة في كل محافظة.",
                "responsible": ["MoH", "MoLSA"],
                "due": "2026-11-20",
                "follow_up_status": "pending",
            },
            {
                "code": "TF-RET/2026/02",
                "item": 2,
                "text_en": "The Joint Crisis Coordination Centre shall share updated camp population "
                "figures with the Ministry of Migration and Displacement every month.",
                "text_ar": "يزوّد مركز التنسيق المشترك للأزمات وزارة الهجرة والمهجرين شهرياً بالأعداد المحدّثة لسكان المخيمات.",
                "responsible": ["JCC", "MoMD"],
                "due": "2026-12-31",
                "follow_up_status": "in_progress",
            },
        ],
    },
    {
        "body": "TF-LAB",
        "title_en": "Labour Migration Taskforce: work permits and fair recruitment",
        "title_ar": "اجتماع فريق المهام الخاص بهجرة العمالة بشأن إجازات العمل والاستقدام العادل",
        "start": "2026-11-25T10:00",
        "location_en": "Ministry of Labour and Social Affairs, Baghdad",
        "location_ar": "وزارة العمل والشؤون الاجتماعية، بغداد",
        "status": "postponed",
        "invited": ["MoLSA", "MoI", "MoFA", "MoMD", "MoP", "MoHESR", "KRG-MoI"],
        "agenda": [
            {
                "title_en": "Progress on electronic work permits",
                "title_ar": "سير العمل في إجازات العمل الإلكترونية",
                "kind": "discussion",
                "presenter": "MoLSA",
                "minutes": 30,
                "actions": ["2.1"],
            },
            {
                "title_en": "Pre-departure orientation curriculum",
                "title_ar": "منهج التوجيه قبل المغادرة",
                "kind": "discussion",
                "presenter": "MoLSA",
                "minutes": 25,
                "actions": ["2.2"],
            },
            {
                "title_en": "Licensing rules for private recruitment agencies",
                "title_ar": "ضوابط ترخيص شركات التشغيل والاستقدام الأهلية",
                "kind": "discussion",
                "presenter": "MoLSA",
                "minutes": 25,
                "actions": ["2.3"],
            },
        ],
        "decisions": [],
    },
]
