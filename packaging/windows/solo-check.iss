; Inno Setup 6 script: installs the PyInstaller one-folder bundle of Solo-Check for the
; current user (no administrator rights), with a start-menu entry, an optional desktop
; icon and an uninstaller. Build the bundle on Windows first (packaging/README.md), then:
;
;   iscc /DAppVersion=0.1.0 packaging\windows\solo-check.iss
;
; /DBundleDir=... points to another bundle folder (default: dist\solo-check).
; Needs Inno Setup 6.3 or newer (x64compatible).

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z packaging\windows\solo-check.iss
#endif
#ifndef BundleDir
  #define BundleDir "..\..\dist\solo-check"
#endif
#define AppName "Solo-Check"
#define AppExe "solo-check.exe"

[Setup]
; The AppId identifies the installation for updates and the uninstaller: never change it.
AppId={{476F2E61-BA06-480F-91DD-E497D4186AD9}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Solo-Check contributors
VersionInfoVersion={#AppVersion}
; Per-user install: {autopf} is the user's Programs folder (%LOCALAPPDATA%\Programs).
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
LicenseFile=..\..\LICENSE
SetupIconFile=..\..\build\bundle\icons\solo-check.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
WizardStyle=modern
Compression=lzma2
SolidCompression=yes
OutputDir=..\..\dist
OutputBaseFilename=Solo-Check-{#AppVersion}-setup

[Languages]
Name: "german"; MessagesFile: "compiler:Languages\German.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole bundle: solo-check.exe (window), solo-check-cli.exe (headless commands) and
; _internal\ with Python, Qt, the resources and the licences.
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; The uninstaller removes the program only. The answers stay in %LOCALAPPDATA%\solo-check,
; so a later installation finds them again.
