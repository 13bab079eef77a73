; Inno Setup script for Mathroom (Windows). Build the one-folder bundle first on Windows:
;   py -m venv .venv && .venv\Scripts\pip install -e ".[package]"
;   .venv\Scripts\pyinstaller --noconfirm --clean packaging\mathroom.spec
; then compile this script with Inno Setup 6:  iscc packaging\windows\mathroom.iss
#define AppName "Mathroom"
#define AppVersion "0.1.0"   ; keep in step with pyproject.toml (the one source of the version)

[Setup]
AppId={{6B0E6F7C-3C1D-4C52-9E5B-6A3E0F1D2B41}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Mathroom
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
OutputDir=..\..\dist
OutputBaseFilename=Mathroom-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\mathroom.ico
Compression=lzma2
SolidCompression=yes
PrivilegesRequired=lowest
WizardStyle=modern

[Files]
Source: "..\..\dist\mathroom\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\mathroom.exe"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\mathroom.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Create a desktop shortcut"; Flags: unchecked

[Run]
Filename: "{app}\mathroom.exe"; Description: "Start Mathroom"; Flags: nowait postinstall skipifsilent
